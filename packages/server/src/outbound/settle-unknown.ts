// Settling sends whose Graph answer Parley never recorded (a crash, a dropped connection, a 5xx
// after Meta took the message). Every send carries `biz_opaque_callback_data` =
// `parley:<message id>:<attempt>`, which Meta echoes in each status webhook of that message: a
// status for a WhatsApp id Parley does not know, carrying our tag, tells which row it belongs to.
// A send that no webhook settles within PARLEY_OUTBOUND_UNKNOWN_TIMEOUT_MS is shown as failed with
// a sentence that says it may or may not have gone, so the agent decides about Retry.
import type { MessageStatus } from '@parley/sync';
import { commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';
import { messageEntry } from './message-entry.ts';
import { MESSAGES } from './meta-errors.ts';
import type { CommitDeps, LedgerState } from './send-ledger.ts';

const TAG = /^parley:([0-9a-f-]{36}):(\d+)$/;

export const callbackData = (messageId: string, attempt: number): string => `parley:${messageId}:${attempt}`;

/**
 * Gives sends their WhatsApp ids from status webhooks' callback data, when the answers that should
 * have carried them were lost. Runs in the ingest transaction before the statuses are applied, one
 * query for the whole batch; a status whose tag names a send that already has its id is left alone.
 */
export async function linkSendsByCallback(
  q: Queryable,
  tenantId: string,
  statuses: readonly { waMessageId: string; raw: Record<string, unknown> }[],
  out: { entries: NewEntry[] },
): Promise<number> {
  const tags = new Map<string, { messageId: string; attempt: number; waMessageId: string }>();
  for (const s of statuses) {
    const data = s.raw.biz_opaque_callback_data;
    const m = typeof data === 'string' ? TAG.exec(data) : null;
    if (m) tags.set(m[1]!, { messageId: m[1]!, attempt: Number(m[2]), waMessageId: s.waMessageId });
  }
  if (tags.size === 0) return 0;
  const { rows } = await q.query<{
    message_id: string;
    attempt: number;
    state: LedgerState;
    conversation_id: string;
    status: MessageStatus;
  }>(
    `SELECT s.message_id, s.attempt, s.state, s.conversation_id, m.status
     FROM outbound_sends s JOIN messages m ON m.id = s.message_id
     WHERE s.tenant_id = $1 AND s.message_id = ANY($2::uuid[]) AND s.state <> 'accepted' AND m.wa_message_id IS NULL
     ORDER BY s.message_id FOR UPDATE OF s, m`,
    [tenantId, [...tags.keys()]],
  );
  let linked = 0;
  for (const row of rows) {
    const tag = tags.get(row.message_id)!;
    // A tag of an earlier attempt says nothing about the one now under way.
    if (tag.attempt !== row.attempt) continue;
    await q.query(
      `UPDATE outbound_sends SET state = 'accepted', answered_at = now(), last_error = NULL WHERE message_id = $1`,
      [row.message_id],
    );
    // A send given up as unconfirmed (expired) was shown failed for want of news: it gets the news.
    const status: MessageStatus = row.state === 'expired' ? 'unknown' : row.status;
    await q.query('UPDATE messages SET wa_message_id = $2, status = $3, error = NULL WHERE id = $1', [
      row.message_id,
      tag.waMessageId,
      status,
    ]);
    out.entries.push(
      await messageEntry(q, row.conversation_id, row.message_id, {
        waMessageId: tag.waMessageId,
        status,
        error: null,
      }),
    );
    linked++;
  }
  return linked;
}

/** Shows unknown sends older than timeoutMs as failed-unconfirmed, offering Retry. */
export async function expireUnknownSends(deps: CommitDeps, timeoutMs: number, limit = 100): Promise<number> {
  const { rows } = await deps.db.query<{ message_id: string; tenant_id: string; conversation_id: string }>(
    `SELECT message_id, tenant_id, conversation_id FROM outbound_sends
     WHERE state = 'unknown' AND started_at < now() - $1 * interval '1 millisecond'
     ORDER BY started_at LIMIT $2`,
    [timeoutMs, limit],
  );
  let expired = 0;
  for (const r of rows) {
    const error = { code: null, title: MESSAGES.unconfirmed };
    await commitChanges(deps.db, deps.pubsub, deps.prefix, r.tenant_id, async (q) => {
      const { rowCount } = await q.query(
        `UPDATE outbound_sends SET state = 'expired' WHERE message_id = $1 AND state = 'unknown'`,
        [r.message_id],
      );
      if (rowCount === 0) return { value: undefined, entries: [] };
      await q.query(
        `UPDATE messages SET status = 'failed', error = $2 WHERE id = $1 AND status = 'unknown'`,
        [r.message_id, JSON.stringify(error)],
      );
      expired++;
      return {
        value: undefined,
        entries: [await messageEntry(q, r.conversation_id, r.message_id, { status: 'failed', error })],
      };
    });
  }
  return expired;
}
