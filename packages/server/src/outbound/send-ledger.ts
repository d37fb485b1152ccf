// The send ledger (table outbound_sends) and the message changes that go with each of its steps,
// each committed with its event-log entries. The order of writes is the promise of CONTRACTS
// "Outbound": `started` commits before the Graph call, the answer after it.
import type { MessageStatus } from '@parley/sync';
import { commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import { applyEarlyStatuses } from '../ingest/persist-statuses.ts';
import type { PubSub } from '../pubsub/port.ts';
import type { Db, Queryable } from '../store/db.ts';
import { messageEntry } from './message-entry.ts';
import type { SendFailure } from './meta-errors.ts';

export interface CommitDeps {
  db: Db;
  pubsub: PubSub;
  prefix: string;
  /** Runs inside the transaction that records a send's outcome (a table queue's ack of the job). */
  inTx?: ((q: Queryable) => Promise<void>) | undefined;
}

export type LedgerState = 'queued' | 'started' | 'accepted' | 'failed' | 'unknown' | 'expired';

export interface SendRow {
  message_id: string;
  tenant_id: string;
  conversation_id: string;
  attempt: number;
  state: LedgerState;
  tries: number;
  kind: string;
  body: Record<string, unknown>;
  status: MessageStatus;
  contact_wa_id: string | null;
  channel_id: string;
  phone_number_id: string;
  access_token_enc: string | null;
}

export async function loadSend(q: Queryable, tenantId: string, messageId: string): Promise<SendRow | null> {
  const { rows } = await q.query<SendRow>(
    `SELECT s.message_id, s.tenant_id, s.conversation_id, s.attempt, s.state, s.tries, m.kind, m.body, m.status,
            k.wa_id AS contact_wa_id, ch.id AS channel_id, ch.phone_number_id, ch.access_token_enc
     FROM outbound_sends s
     JOIN messages m ON m.id = s.message_id
     JOIN conversations c ON c.id = s.conversation_id
     JOIN contacts k ON k.id = c.contact_id
     JOIN channels ch ON ch.id = c.channel_id
     WHERE s.tenant_id = $1 AND s.message_id = $2`,
    [tenantId, messageId],
  );
  return rows[0] ?? null;
}

/** Claims the attempt for one Graph call; false when it is no longer queued (done, or taken). */
export async function markStarted(db: Db, row: SendRow): Promise<number | null> {
  const { rows } = await db.query<{ tries: number }>(
    `UPDATE outbound_sends SET state = 'started', tries = tries + 1, started_at = now()
     WHERE message_id = $1 AND attempt = $2 AND state = 'queued' RETURNING tries`,
    [row.message_id, row.attempt],
  );
  return rows[0]?.tries ?? null;
}

/** Meta accepted: store its id, move the message to `sent`, apply statuses that came first. */
export async function recordAccepted(deps: CommitDeps, row: SendRow, wamid: string): Promise<void> {
  await commitChanges(
    deps.db,
    deps.pubsub,
    deps.prefix,
    row.tenant_id,
    async (q) => {
      // One statement: lock and move the ledger, then the message, and read the conversation's scope.
      // `unknown` and `expired` too: a slow answer can land after another worker gave the send up;
      // an expired send was shown as failed only because nobody knew better, so Meta's answer wins.
      const { rows } = await q.query<{
        status: MessageStatus;
        channel_id: string;
        assignee_id: string | null;
        team_id: string | null;
      }>(
        `WITH prev AS (
           SELECT state FROM outbound_sends
           WHERE message_id = $1 AND attempt = $2 AND state IN ('started', 'unknown', 'expired') FOR UPDATE
         ), ledger AS (
           UPDATE outbound_sends s SET state = 'accepted', answered_at = now(), last_error = NULL
           FROM prev WHERE s.message_id = $1 AND s.attempt = $2 RETURNING prev.state AS was
         )
         UPDATE messages m SET wa_message_id = $3,
           status = CASE WHEN m.status IN ('pending', 'unknown') OR ledger.was = 'expired' THEN 'sent' ELSE m.status END,
           error = CASE WHEN m.status IN ('pending', 'unknown') OR ledger.was = 'expired' THEN NULL ELSE m.error END
         FROM ledger, conversations c WHERE m.id = $1 AND c.id = m.conversation_id
         RETURNING m.status, c.channel_id, c.assignee_id, c.team_id`,
        [row.message_id, row.attempt, wamid],
      );
      const r = rows[0];
      if (!r) return { value: undefined, entries: [] };
      const out = { entries: [] as NewEntry[], statusesApplied: 0 };
      out.entries.push({
        type: 'message.updated',
        entityId: row.message_id,
        data: { conversationId: row.conversation_id, status: r.status, waMessageId: wamid, error: null },
        scope: { channelId: r.channel_id, agentId: r.assignee_id, teamId: r.team_id },
      });
      await applyEarlyStatuses(q, row.tenant_id, wamid, out);
      return { value: undefined, entries: out.entries };
    },
    deps.inTx,
  );
}

/** A transient failure: the attempt goes back to `queued` for the next try. */
export async function requeue(db: Db, row: SendRow, failure: SendFailure): Promise<void> {
  await db.query(
    `UPDATE outbound_sends SET state = 'queued', last_error = $3
     WHERE message_id = $1 AND attempt = $2 AND state IN ('queued', 'started')`,
    [row.message_id, row.attempt, `${failure.code ?? ''} ${failure.details ?? failure.title}`.trim()],
  );
}

/** A permanent failure: the message is `failed` with a sentence the agent can act on. */
export async function recordFailed(deps: CommitDeps, row: SendRow, failure: SendFailure): Promise<void> {
  await settle(deps, row, 'failed', 'failed', {
    code: failure.code,
    title: failure.title,
    ...(failure.details && { details: failure.details }),
  });
}

/** The request may have reached Meta but no answer was recorded: never send it again by itself. */
export async function recordUnknown(deps: CommitDeps, row: SendRow): Promise<void> {
  await settle(deps, row, 'unknown', 'unknown', null);
}

async function settle(
  deps: CommitDeps,
  row: SendRow,
  state: LedgerState,
  status: MessageStatus,
  error: Record<string, unknown> | null,
): Promise<void> {
  await commitChanges(
    deps.db,
    deps.pubsub,
    deps.prefix,
    row.tenant_id,
    async (q) => {
      const { rowCount } = await q.query(
        `UPDATE outbound_sends SET state = $3, answered_at = now(), last_error = $4
       WHERE message_id = $1 AND attempt = $2 AND state IN ('queued', 'started')`,
        [row.message_id, row.attempt, state, error ? String(error.title) : null],
      );
      if (rowCount === 0) return { value: undefined, entries: [] };
      // Set, not merged: a new attempt starts from `pending`, below which nothing ranks.
      await q.query('UPDATE messages SET status = $2, error = $3 WHERE id = $1', [
        row.message_id,
        status,
        error ? JSON.stringify(error) : null,
      ]);
      const entry = await messageEntry(q, row.conversation_id, row.message_id, { status, error });
      return { value: undefined, entries: [entry] };
    },
    deps.inTx,
  );
}
