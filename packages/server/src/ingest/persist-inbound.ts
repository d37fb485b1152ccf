// One transaction for a batch of a tenant's webhook payloads: contacts, conversations, messages
// (idempotent on the WhatsApp id), statuses (forward only, early ones kept), other fields, and the
// event-log entries, in arrival order. Runs inside the caller's transaction.
import type { MessageStatus } from '@parley/sync';
import type { NewEntry } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';
import {
  type ConversationRow,
  loadConversation,
  MESSAGE_COLUMNS,
  type MessageRow,
  toMessage,
} from '../store/entities.ts';
import type {
  InboundContact,
  InboundMessage,
  MessagesChange,
  OtherFieldChange,
  StatusUpdate,
} from './parse-webhook.ts';
import { mergeStatus, statusFromWebhook } from './status-merge.ts';

export interface ChannelRef {
  id: string;
  tenantId: string;
}

/** What a batch did, for the hooks that run after commit (assignment, bots) and for metrics. */
export interface PersistOutcome {
  entries: NewEntry[];
  newMessages: {
    messageId: string;
    conversationId: string;
    kind: string;
    reopened: boolean;
    created: boolean;
  }[];
  duplicates: number;
  statusesApplied: number;
  statusesEarly: number;
}

export interface InboundBatch {
  tenantId: string;
  channelsByPhone: Map<string, ChannelRef>;
  changes: (MessagesChange | OtherFieldChange)[];
}

const isMessages = (c: MessagesChange | OtherFieldChange): c is MessagesChange => c.field === 'messages';

export async function persistInbound(q: Queryable, batch: InboundBatch): Promise<PersistOutcome> {
  const out: PersistOutcome = {
    entries: [],
    newMessages: [],
    duplicates: 0,
    statusesApplied: 0,
    statusesEarly: 0,
  };
  for (const change of batch.changes) {
    const channel = change.phoneNumberId ? batch.channelsByPhone.get(change.phoneNumberId) : undefined;
    if (!isMessages(change)) {
      await q.query(
        'INSERT INTO channel_events (tenant_id, channel_id, field, value) VALUES ($1, $2, $3, $4)',
        [batch.tenantId, channel?.id ?? null, change.field, JSON.stringify(change.value)],
      );
      continue;
    }
    if (!channel) continue; // Another tenant's number in a shared POST: its own lane handles it.
    const names = new Map<string, InboundContact>();
    for (const c of change.contacts) names.set(c.waId ?? c.userId ?? '', c);
    for (const m of change.messages) await persistMessage(q, batch.tenantId, channel, m, names, out);
    for (const s of change.statuses) await persistStatus(q, batch.tenantId, s, out);
  }
  return out;
}

async function upsertContact(
  q: Queryable,
  tenantId: string,
  who: InboundContact,
  out: PersistOutcome,
): Promise<string> {
  const phone = who.waId ? `+${who.waId}` : null;
  // Two partial unique indexes (wa_id, else user_id): pick the conflict target that applies.
  const target = who.waId
    ? '(tenant_id, wa_id) WHERE wa_id IS NOT NULL'
    : '(tenant_id, user_id) WHERE user_id IS NOT NULL AND wa_id IS NULL';
  const { rows } = await q.query<{ id: string; renamed: boolean }>(
    `WITH before AS (
       SELECT name FROM contacts WHERE tenant_id = $1 AND ${who.waId ? 'wa_id = $2' : 'user_id = $3 AND wa_id IS NULL'}
     )
     INSERT INTO contacts (tenant_id, wa_id, user_id, name, phone) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ${target} DO UPDATE SET
       name = COALESCE(EXCLUDED.name, contacts.name),
       user_id = COALESCE(contacts.user_id, EXCLUDED.user_id),
       updated_at = CASE WHEN EXCLUDED.name IS DISTINCT FROM contacts.name AND EXCLUDED.name IS NOT NULL THEN now() ELSE contacts.updated_at END
     RETURNING id, (EXISTS (SELECT 1 FROM before) AND $4::text IS NOT NULL AND $4::text IS DISTINCT FROM (SELECT name FROM before)) AS renamed`,
    [tenantId, who.waId, who.userId, who.name, phone],
  );
  const row = rows[0]!;
  if (row.renamed) out.entries.push({ type: 'contact.updated', entityId: row.id, data: { name: who.name } });
  return row.id;
}

async function persistMessage(
  q: Queryable,
  tenantId: string,
  channel: ChannelRef,
  m: InboundMessage,
  names: Map<string, InboundContact>,
  out: PersistOutcome,
): Promise<void> {
  const key = m.fromWaId ?? m.fromUserId;
  if (!key) return;
  const who = names.get(key) ?? { waId: m.fromWaId, userId: m.fromUserId, name: null };
  const contactId = await upsertContact(
    q,
    tenantId,
    { ...who, waId: who.waId ?? m.fromWaId, userId: who.userId ?? m.fromUserId },
    out,
  );
  const conv = await q.query<{ id: string; created: boolean }>(
    `INSERT INTO conversations (tenant_id, channel_id, contact_id) VALUES ($1, $2, $3)
     ON CONFLICT (channel_id, contact_id) DO UPDATE SET updated_at = conversations.updated_at
     RETURNING id, (xmax = 0) AS created`,
    [tenantId, channel.id, contactId],
  );
  const conversationId = conv.rows[0]!.id;
  const created = conv.rows[0]!.created;

  const inserted = await q.query<MessageRow>(
    `INSERT INTO messages AS m (tenant_id, conversation_id, direction, kind, body, status, wa_message_id, wa_timestamp, created_at)
     VALUES ($1, $2, 'in', $3, $4, 'received', $5, $6, now())
     ON CONFLICT (tenant_id, wa_message_id) WHERE wa_message_id IS NOT NULL DO NOTHING
     RETURNING ${MESSAGE_COLUMNS}`,
    [
      tenantId,
      conversationId,
      m.kind,
      JSON.stringify({ ...m.body, context: m.context, referral: m.referral, errors: m.errors }),
      m.waMessageId,
      m.timestamp,
    ],
  );
  const row = inserted.rows[0];
  if (!row) {
    out.duplicates++;
    return;
  }
  // Reactions and system notices do not move the thread to the top or reopen it on their own.
  const counts = m.kind !== 'reaction' && m.kind !== 'system';
  const before = await q.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [
    conversationId,
  ]);
  const reopened = counts && before.rows[0]?.status === 'resolved';
  await q.query(
    `UPDATE conversations SET
       last_message_at = CASE WHEN $2 THEN GREATEST(last_message_at, $3) ELSE last_message_at END,
       last_message_preview = CASE WHEN $2 THEN $4 ELSE last_message_preview END,
       last_inbound_at = GREATEST(last_inbound_at, $3),
       status = CASE WHEN $2 AND status IN ('resolved', 'snoozed') THEN 'open' ELSE status END,
       snoozed_until = CASE WHEN $2 AND status IN ('resolved', 'snoozed') THEN NULL ELSE snoozed_until END,
       updated_at = now()
     WHERE id = $1`,
    [conversationId, counts, m.timestamp, m.preview],
  );
  const conversation = (await loadConversation(q, tenantId, conversationId))!;
  const scope = { channelId: channel.id, agentId: conversation.assigneeId, teamId: conversation.teamId };
  const { version: _v, ...convData } = conversation;
  out.entries.push({
    type: created ? 'conversation.created' : 'conversation.updated',
    entityId: conversationId,
    data: created
      ? convData
      : {
          lastMessageAt: convData.lastMessageAt,
          lastMessagePreview: convData.lastMessagePreview,
          windowExpiresAt: convData.windowExpiresAt,
          status: convData.status,
          snoozedUntil: convData.snoozedUntil,
        },
    scope,
  });
  const { version: _mv, ...message } = toMessage(row);
  out.entries.push({ type: 'message.created', entityId: row.id, data: message, scope });
  out.newMessages.push({ messageId: row.id, conversationId, kind: m.kind, reopened, created });
}

async function persistStatus(
  q: Queryable,
  tenantId: string,
  s: StatusUpdate,
  out: PersistOutcome,
): Promise<void> {
  const incoming = statusFromWebhook(s.status);
  if (!incoming) return;
  const error =
    incoming === 'failed' && s.errors[0] ? { code: s.errors[0].code, title: s.errors[0].title } : null;
  const applied = await applyStatus(q, tenantId, s.waMessageId, incoming, error, out);
  if (applied === 'missing') {
    // The status outran its message (or the send's answer): keep it for when the message lands.
    await q.query(
      `INSERT INTO early_statuses (tenant_id, wa_message_id, status, error) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [tenantId, s.waMessageId, incoming, error ? JSON.stringify(error) : null],
    );
    out.statusesEarly++;
  }
}

/** Moves a message's status forward; 'missing' when no message has that WhatsApp id yet. */
export async function applyStatus(
  q: Queryable,
  tenantId: string,
  waMessageId: string,
  incoming: MessageStatus,
  error: { code: number | null; title: string } | null,
  out: Pick<PersistOutcome, 'entries' | 'statusesApplied'>,
): Promise<'applied' | 'unchanged' | 'missing'> {
  const { rows } = await q.query<{ id: string; status: MessageStatus; conversation_id: string }>(
    'SELECT id, status, conversation_id FROM messages WHERE tenant_id = $1 AND wa_message_id = $2 FOR UPDATE',
    [tenantId, waMessageId],
  );
  const msg = rows[0];
  if (!msg) return 'missing';
  const next = mergeStatus(msg.status, incoming);
  if (next === msg.status) return 'unchanged';
  const keepError = next === 'failed' ? error : null;
  await q.query('UPDATE messages SET status = $2, error = $3 WHERE id = $1', [
    msg.id,
    next,
    keepError ? JSON.stringify(keepError) : null,
  ]);
  const conv = await q.query<Pick<ConversationRow, 'channel_id' | 'assignee_id' | 'team_id'>>(
    'SELECT channel_id, assignee_id, team_id FROM conversations WHERE id = $1',
    [msg.conversation_id],
  );
  const c = conv.rows[0]!;
  out.entries.push({
    type: 'message.updated',
    entityId: msg.id,
    data: { status: next, error: keepError, conversationId: msg.conversation_id },
    scope: { channelId: c.channel_id, agentId: c.assignee_id, teamId: c.team_id },
  });
  out.statusesApplied++;
  return 'applied';
}

/** Applies statuses that arrived before their message, once the message has its WhatsApp id. */
export async function applyEarlyStatuses(
  q: Queryable,
  tenantId: string,
  waMessageId: string,
  out: Pick<PersistOutcome, 'entries' | 'statusesApplied'>,
): Promise<void> {
  const { rows } = await q.query<{
    status: MessageStatus;
    error: { code: number | null; title: string } | null;
  }>('DELETE FROM early_statuses WHERE tenant_id = $1 AND wa_message_id = $2 RETURNING status, error', [
    tenantId,
    waMessageId,
  ]);
  for (const r of rows) await applyStatus(q, tenantId, waMessageId, r.status, r.error, out);
}
