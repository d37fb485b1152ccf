// One transaction for a batch of a tenant's webhook payloads: contacts, conversations, messages
// (idempotent on the WhatsApp id), statuses (forward only, early ones kept), other fields, and the
// event-log entries, in arrival order. Runs inside the caller's transaction.
//
// Set-based: a batch costs a handful of statements whatever its size (contacts, conversations,
// messages, conversation heads, statuses, other fields: one or two each), so a lane's backlog is
// drained at database speed rather than round-trip speed.
import type { NewEntry } from '../events/event-log.ts';
import type { NewMessage } from '../hooks/persist-hook.ts';
import type { Queryable } from '../store/db.ts';
import {
  CONVERSATION_COLUMNS,
  type ConversationRow,
  MESSAGE_COLUMNS,
  type MessageRow,
  toConversation,
  toMessage,
} from '../store/entities.ts';
import type { InboundContact, InboundMessage, MessagesChange, OtherFieldChange } from './parse-webhook.ts';
import { contactKey, upsertContacts } from './persist-contacts.ts';
import { persistStatuses } from './persist-statuses.ts';

export { applyEarlyStatuses, applyStatus } from './persist-statuses.ts';

export interface ChannelRef {
  id: string;
  tenantId: string;
}

/** What a batch did, for the hooks that run after commit (assignment, bots) and for metrics. */
export interface PersistOutcome {
  entries: NewEntry[];
  newMessages: NewMessage[];
  duplicates: number;
  statusesApplied: number;
  statusesEarly: number;
  /** Changes whose value carried Meta's own errors[], kept as channel events. */
  metaErrors: number;
}

export interface InboundBatch {
  tenantId: string;
  channelsByPhone: Map<string, ChannelRef>;
  changes: (MessagesChange | OtherFieldChange)[];
}

/** One inbound message with where it goes, in arrival order. */
interface Arrival {
  n: number;
  channel: ChannelRef;
  sender: InboundContact;
  message: InboundMessage;
}

const isMessages = (c: MessagesChange | OtherFieldChange): c is MessagesChange => c.field === 'messages';

// Reactions and system notices do not move the thread to the top or reopen it on their own.
const counts = (kind: string) => kind !== 'reaction' && kind !== 'system';

export async function persistInbound(q: Queryable, batch: InboundBatch): Promise<PersistOutcome> {
  const out: PersistOutcome = {
    entries: [],
    newMessages: [],
    duplicates: 0,
    statusesApplied: 0,
    statusesEarly: 0,
    metaErrors: 0,
  };
  const arrivals: Arrival[] = [];
  const others: { channelId: string | null; change: OtherFieldChange }[] = [];
  const statuses: MessagesChange['statuses'] = [];
  const seen = new Set<string>();
  for (const change of batch.changes) {
    const channel = change.phoneNumberId ? batch.channelsByPhone.get(change.phoneNumberId) : undefined;
    if (!isMessages(change)) {
      others.push({ channelId: channel?.id ?? null, change });
      continue;
    }
    if (!channel) continue; // Another tenant's number in a shared POST: its own lane handles it.
    if (change.errors.length > 0) {
      // Meta's errors about the number or the webhook itself (not about one message): an event.
      others.push({
        channelId: channel.id,
        change: {
          field: 'messages.errors',
          wabaId: change.wabaId,
          phoneNumberId: change.phoneNumberId,
          value: { errors: change.errors, phoneNumberId: change.phoneNumberId },
        },
      });
      out.metaErrors++;
    }
    const names = new Map<string, InboundContact>();
    for (const c of change.contacts) names.set(c.waId ?? c.userId ?? '', c);
    for (const m of change.messages) {
      const key = m.fromWaId ?? m.fromUserId;
      if (!key) continue;
      // A redelivery inside the same batch is a duplicate like any other.
      if (seen.has(m.waMessageId)) {
        out.duplicates++;
        continue;
      }
      seen.add(m.waMessageId);
      const who = names.get(key);
      const sender = {
        waId: who?.waId ?? m.fromWaId,
        userId: who?.userId ?? m.fromUserId,
        name: who?.name ?? null,
      };
      arrivals.push({ n: arrivals.length, channel, sender, message: m });
    }
    statuses.push(...change.statuses);
  }
  await storeOtherFields(q, batch.tenantId, others);
  if (arrivals.length > 0) await storeMessages(q, batch.tenantId, arrivals, out);
  // After the messages: a status naming a message of this same batch finds it.
  await persistStatuses(q, batch.tenantId, statuses, out);
  return out;
}

async function storeOtherFields(
  q: Queryable,
  tenantId: string,
  others: readonly { channelId: string | null; change: OtherFieldChange }[],
): Promise<void> {
  if (others.length === 0) return;
  await q.query(
    `INSERT INTO channel_events (tenant_id, channel_id, field, value)
     SELECT $1, i.channel_id, i.field, i.value
     FROM jsonb_to_recordset($2::jsonb) AS i(n int, channel_id uuid, field text, value jsonb)
     ORDER BY i.n`,
    [
      tenantId,
      JSON.stringify(
        others.map((o, n) => ({ n, channel_id: o.channelId, field: o.change.field, value: o.change.value })),
      ),
    ],
  );
}

interface ConversationHead {
  id: string;
  created: boolean;
  status: string;
}

async function upsertConversations(
  q: Queryable,
  tenantId: string,
  pairs: readonly { channelId: string; contactId: string }[],
): Promise<Map<string, ConversationHead>> {
  const { rows } = await q.query<ConversationHead & { channel_id: string; contact_id: string }>(
    `INSERT INTO conversations AS c (tenant_id, channel_id, contact_id)
     SELECT $1, i.channel_id, i.contact_id FROM jsonb_to_recordset($2::jsonb) AS i(channel_id uuid, contact_id uuid)
     ORDER BY i.channel_id, i.contact_id
     ON CONFLICT (channel_id, contact_id) DO UPDATE SET updated_at = c.updated_at
     RETURNING c.id, c.channel_id, c.contact_id, c.status, (c.xmax = 0) AS created`,
    [tenantId, JSON.stringify(pairs.map((p) => ({ channel_id: p.channelId, contact_id: p.contactId })))],
  );
  return new Map(rows.map((r) => [`${r.channel_id}:${r.contact_id}`, r]));
}

async function storeMessages(
  q: Queryable,
  tenantId: string,
  arrivals: readonly Arrival[],
  out: PersistOutcome,
): Promise<void> {
  const contactIds = await upsertContacts(
    q,
    tenantId,
    arrivals.map((a) => a.sender),
    out.entries,
  );
  const pairKey = (a: Arrival) => `${a.channel.id}:${contactIds.get(contactKey(a.sender))}`;
  const pairs = new Map<string, { channelId: string; contactId: string }>();
  for (const a of arrivals)
    pairs.set(pairKey(a), { channelId: a.channel.id, contactId: contactIds.get(contactKey(a.sender))! });
  const conversations = await upsertConversations(q, tenantId, [...pairs.values()]);
  const conversationOf = (a: Arrival) => conversations.get(pairKey(a))!;

  // created_at steps by a microsecond in arrival order: a thread sorts by (created_at, id), and one
  // transaction's now() is the same for every row of the batch.
  const inserted = await q.query<MessageRow>(
    `INSERT INTO messages AS m (tenant_id, conversation_id, direction, kind, body, status, wa_message_id, wa_timestamp, created_at)
     SELECT $1, i.conversation_id, 'in', i.kind, i.body, 'received', i.wa_message_id, i.wa_timestamp,
       now() + i.n * interval '1 microsecond'
     FROM jsonb_to_recordset($2::jsonb) AS i(n int, conversation_id uuid, kind text, body jsonb, wa_message_id text, wa_timestamp timestamptz)
     ORDER BY i.n
     ON CONFLICT (tenant_id, wa_message_id) WHERE wa_message_id IS NOT NULL DO NOTHING
     RETURNING ${MESSAGE_COLUMNS}`,
    [
      tenantId,
      JSON.stringify(
        arrivals.map((a) => ({
          n: a.n,
          conversation_id: conversationOf(a).id,
          kind: a.message.kind,
          body: {
            ...a.message.body,
            context: a.message.context,
            referral: a.message.referral,
            errors: a.message.errors,
          },
          wa_message_id: a.message.waMessageId,
          wa_timestamp: a.message.timestamp.toISOString(),
        })),
      ),
    ],
  );
  const rowsByWaId = new Map(inserted.rows.map((r) => [r.wa_message_id, r]));
  const fresh = arrivals.filter((a) => rowsByWaId.has(a.message.waMessageId));
  out.duplicates += arrivals.length - fresh.length;
  if (fresh.length === 0) return;

  const heads = await updateConversationHeads(q, fresh, conversationOf);
  const logged = new Set<string>();
  const reopenedOnce = new Set<string>();
  for (const a of fresh) {
    const head = conversationOf(a);
    const conversation = heads.get(head.id)!;
    const scope = { channelId: a.channel.id, agentId: conversation.assigneeId, teamId: conversation.teamId };
    if (!logged.has(head.id)) {
      // One conversation entry per batch, before its first message, carrying the state after it.
      logged.add(head.id);
      const { version: _v, ...data } = conversation;
      out.entries.push({
        type: head.created ? 'conversation.created' : 'conversation.updated',
        entityId: head.id,
        data: head.created
          ? data
          : {
              lastMessageAt: data.lastMessageAt,
              lastMessagePreview: data.lastMessagePreview,
              windowExpiresAt: data.windowExpiresAt,
              status: data.status,
              snoozedUntil: data.snoozedUntil,
            },
        scope,
      });
    }
    const row = rowsByWaId.get(a.message.waMessageId)!;
    const { version: _mv, ...message } = toMessage(row);
    out.entries.push({ type: 'message.created', entityId: row.id, data: message, scope });
    // The first message that counts reopens a resolved conversation; the hook hears it once.
    const reopened = counts(a.message.kind) && head.status === 'resolved' && !reopenedOnce.has(head.id);
    if (reopened) reopenedOnce.add(head.id);
    out.newMessages.push({
      messageId: row.id,
      conversationId: head.id,
      channelId: a.channel.id,
      kind: a.message.kind,
      reopened,
      created: head.created,
    });
  }
}

/** Moves each touched conversation's head (last message, window, reopen) in one statement. */
async function updateConversationHeads(
  q: Queryable,
  fresh: readonly Arrival[],
  conversationOf: (a: Arrival) => ConversationHead,
) {
  const heads = new Map<
    string,
    { id: string; counts: boolean; last_at: string | null; preview: string | null; inbound_at: string }
  >();
  for (const a of fresh) {
    const id = conversationOf(a).id;
    const at = a.message.timestamp.toISOString();
    const h = heads.get(id) ?? { id, counts: false, last_at: null, preview: null, inbound_at: at };
    if (at > h.inbound_at) h.inbound_at = at;
    if (counts(a.message.kind)) {
      h.counts = true;
      if (h.last_at === null || at > h.last_at) h.last_at = at;
      h.preview = a.message.preview; // the last in arrival order, as one-by-one updates leave it
    }
    heads.set(id, h);
  }
  const { rows } = await q.query<ConversationRow>(
    `UPDATE conversations c SET
       last_message_at = CASE WHEN i.counts THEN GREATEST(c.last_message_at, i.last_at) ELSE c.last_message_at END,
       last_message_preview = CASE WHEN i.counts THEN i.preview ELSE c.last_message_preview END,
       last_inbound_at = GREATEST(c.last_inbound_at, i.inbound_at),
       status = CASE WHEN i.counts AND c.status IN ('resolved', 'snoozed') THEN 'open' ELSE c.status END,
       snoozed_until = CASE WHEN i.counts AND c.status IN ('resolved', 'snoozed') THEN NULL ELSE c.snoozed_until END,
       updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS i(id uuid, counts boolean, last_at timestamptz, preview text, inbound_at timestamptz),
       contacts k
     WHERE c.id = i.id AND k.id = c.contact_id
     RETURNING ${CONVERSATION_COLUMNS}`,
    [JSON.stringify([...heads.values()])],
  );
  return new Map(rows.map((r) => [r.id, toConversation(r)]));
}
