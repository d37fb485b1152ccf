// Delivery statuses of a batch, set-based: one locking read of every message they name, one update
// of those that move forward, one insert of those that arrived before their message. Statuses only
// move forward (status-merge.ts), so folding a batch's statuses per message in any order gives the
// same result as applying them one by one.
import type { MessageStatus } from '@parley/sync';
import type { NewEntry } from '../events/event-log.ts';
import { failedStatusTitle } from '../outbound/meta-errors.ts';
import { linkSendsByCallback } from '../outbound/settle-unknown.ts';
import type { Queryable } from '../store/db.ts';
import type { StatusUpdate } from './parse-webhook.ts';
import { mergeStatus, statusFromWebhook } from './status-merge.ts';

export type StatusError = { code: number | null; title: string } | null;

export interface StatusOutcome {
  entries: NewEntry[];
  statusesApplied: number;
  statusesEarly: number;
}

interface Incoming {
  status: MessageStatus;
  error: StatusError;
}

interface TargetRow {
  id: string;
  wa_message_id: string;
  status: MessageStatus;
  error: StatusError;
  conversation_id: string;
  channel_id: string;
  assignee_id: string | null;
  team_id: string | null;
}

const incomingOf = (s: StatusUpdate): Incoming | null => {
  const status = statusFromWebhook(s.status);
  if (!status) return null;
  const first = s.errors[0];
  // The agent reads our sentence for the codes we know (outbound/meta-errors.ts), else Meta's title.
  return {
    status,
    error:
      status === 'failed' && first
        ? { code: first.code, title: failedStatusTitle(first.code, first.title) }
        : null,
  };
};

/** The status and error after folding `incoming` onto `current`; the error is the failed one's. */
function fold(current: MessageStatus, currentError: StatusError, incoming: readonly Incoming[]) {
  let status = current;
  let error = currentError;
  for (const i of incoming) {
    const next = mergeStatus(status, i.status);
    if (next !== status) error = next === 'failed' ? i.error : null;
    status = next;
  }
  return { status, error };
}

export async function persistStatuses(
  q: Queryable,
  tenantId: string,
  statuses: readonly StatusUpdate[],
  out: StatusOutcome,
): Promise<void> {
  const byMessage = new Map<string, Incoming[]>();
  for (const s of statuses) {
    const incoming = incomingOf(s);
    if (!incoming) continue;
    const list = byMessage.get(s.waMessageId) ?? [];
    list.push(incoming);
    byMessage.set(s.waMessageId, list);
  }
  // Sends whose Graph answer was lost get their WhatsApp id from the tag Meta echoes, first.
  await linkSendsByCallback(q, tenantId, statuses, out);
  await applyIncoming(q, tenantId, byMessage, out, true);
}

/** Folds each message's incoming statuses onto it; with keepEarly, unknown ids wait in early_statuses. */
async function applyIncoming(
  q: Queryable,
  tenantId: string,
  byMessage: ReadonlyMap<string, readonly Incoming[]>,
  out: StatusOutcome,
  keepEarly: boolean,
): Promise<void> {
  if (byMessage.size === 0) return;
  const { rows } = await q.query<TargetRow>(
    `SELECT m.id, m.wa_message_id, m.status, m.error, m.conversation_id, c.channel_id, c.assignee_id, c.team_id
     FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.tenant_id = $1 AND m.wa_message_id = ANY($2::text[])
     ORDER BY m.id FOR UPDATE OF m`,
    [tenantId, [...byMessage.keys()]],
  );
  const found = new Map(rows.map((r) => [r.wa_message_id, r]));
  const updates: { id: string; status: MessageStatus; error: StatusError }[] = [];
  const early: { wa_message_id: string; status: MessageStatus; error: StatusError }[] = [];
  for (const [waMessageId, incoming] of byMessage) {
    const row = found.get(waMessageId);
    if (!row) {
      // The status outran its message (or the send's answer): kept until the message lands.
      const seen = new Set<string>();
      for (const i of incoming) {
        if (!seen.has(i.status)) early.push({ wa_message_id: waMessageId, ...i });
        seen.add(i.status);
      }
      out.statusesEarly += incoming.length;
      continue;
    }
    const next = fold(row.status, row.error, incoming);
    if (next.status === row.status) continue;
    updates.push({ id: row.id, ...next });
    out.entries.push({
      type: 'message.updated',
      entityId: row.id,
      data: { status: next.status, error: next.error, conversationId: row.conversation_id },
      scope: { channelId: row.channel_id, agentId: row.assignee_id, teamId: row.team_id },
    });
    out.statusesApplied++;
  }
  if (updates.length > 0) {
    await q.query(
      `UPDATE messages m SET status = i.status, error = i.error
       FROM jsonb_to_recordset($1::jsonb) AS i(id uuid, status text, error jsonb) WHERE m.id = i.id`,
      [JSON.stringify(updates)],
    );
  }
  if (early.length > 0 && keepEarly) {
    await q.query(
      `INSERT INTO early_statuses (tenant_id, wa_message_id, status, error)
       SELECT $1, i.wa_message_id, i.status, i.error
       FROM jsonb_to_recordset($2::jsonb) AS i(wa_message_id text, status text, error jsonb)
       ON CONFLICT DO NOTHING`,
      [tenantId, JSON.stringify(early)],
    );
  }
}

/** Moves one message's status forward; 'missing' (nothing kept) when no message has that id yet. */
export async function applyStatus(
  q: Queryable,
  tenantId: string,
  waMessageId: string,
  incoming: MessageStatus,
  error: StatusError,
  out: Pick<StatusOutcome, 'entries' | 'statusesApplied'>,
): Promise<'applied' | 'unchanged' | 'missing'> {
  const probe: StatusOutcome = { entries: [], statusesApplied: 0, statusesEarly: 0 };
  await applyIncoming(q, tenantId, new Map([[waMessageId, [{ status: incoming, error }]]]), probe, false);
  out.entries.push(...probe.entries);
  out.statusesApplied += probe.statusesApplied;
  if (probe.statusesEarly > 0) return 'missing';
  return probe.statusesApplied > 0 ? 'applied' : 'unchanged';
}

/**
 * Applies the statuses that arrived before their message, once the message has its WhatsApp id
 * (the send path calls this in the transaction that records Meta's answer).
 */
export async function applyEarlyStatuses(
  q: Queryable,
  tenantId: string,
  waMessageId: string,
  out: Pick<StatusOutcome, 'entries' | 'statusesApplied'>,
): Promise<void> {
  const { rows } = await q.query<Incoming>(
    'DELETE FROM early_statuses WHERE tenant_id = $1 AND wa_message_id = $2 RETURNING status, error',
    [tenantId, waMessageId],
  );
  const probe: StatusOutcome = { entries: [], statusesApplied: 0, statusesEarly: 0 };
  // Restored as they were if the message is still missing (a caller that ran too early).
  await applyIncoming(q, tenantId, new Map(rows.length ? [[waMessageId, rows]] : []), probe, true);
  out.entries.push(...probe.entries);
  out.statusesApplied += probe.statusesApplied;
}
