// Rows to the protocol's entity shapes (packages/sync/src/protocol.ts): one mapping, used by the
// snapshots, the event data and the API answers alike.
import type { Conversation, ConversationStatus, Message, MessageStatus, Note } from '@parley/sync';
import type { Queryable } from './db.ts';

const WINDOW_MS = 24 * 60 * 60 * 1000;

export const CONVERSATION_COLUMNS = `c.id, c.channel_id, c.status, c.assignee_id, c.team_id, c.labels, c.last_message_at,
  c.last_message_preview, c.last_inbound_at, c.snoozed_until, c.version,
  k.id AS contact_id, k.wa_id AS contact_wa_id, k.name AS contact_name, k.phone AS contact_phone`;

export interface ConversationRow {
  id: string;
  channel_id: string;
  status: string;
  assignee_id: string | null;
  team_id: string | null;
  labels: string[];
  last_message_at: Date | null;
  last_message_preview: string | null;
  last_inbound_at: Date | null;
  snoozed_until: Date | null;
  version: number;
  contact_id: string;
  contact_wa_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  channelId: r.channel_id,
  contact: { id: r.contact_id, waId: r.contact_wa_id, name: r.contact_name, phone: r.contact_phone },
  status: r.status as ConversationStatus,
  assigneeId: r.assignee_id,
  teamId: r.team_id,
  labels: r.labels,
  lastMessageAt: iso(r.last_message_at),
  lastMessagePreview: r.last_message_preview,
  windowExpiresAt: r.last_inbound_at ? new Date(r.last_inbound_at.getTime() + WINDOW_MS).toISOString() : null,
  snoozedUntil: iso(r.snoozed_until),
  version: r.version,
});

export async function loadConversation(
  q: Queryable,
  tenantId: string,
  id: string,
): Promise<Conversation | null> {
  const { rows } = await q.query<ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN contacts k ON k.id = c.contact_id
     WHERE c.tenant_id = $1 AND c.id = $2`,
    [tenantId, id],
  );
  return rows[0] ? toConversation(rows[0]) : null;
}

export const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.direction, m.kind, m.body, m.status, m.wa_message_id,
  m.client_id, m.author_id, m.error, m.created_at, m.version`;

export interface MessageRow {
  id: string;
  conversation_id: string;
  direction: 'in' | 'out';
  kind: string;
  body: Record<string, unknown>;
  status: string;
  wa_message_id: string | null;
  client_id: string | null;
  author_id: string | null;
  error: { code: number | null; title: string } | null;
  created_at: Date;
  version: number;
}

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  direction: r.direction,
  kind: r.kind,
  body: r.body,
  status: r.status as MessageStatus,
  waMessageId: r.wa_message_id,
  clientId: r.client_id,
  authorId: r.author_id,
  error: r.error,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

export interface NoteRow {
  id: string;
  conversation_id: string;
  author_id: string;
  body: string;
  mentions: string[];
  created_at: Date;
  version: number;
}

export const toNote = (r: NoteRow): Note => ({
  id: r.id,
  conversationId: r.conversation_id,
  authorId: r.author_id,
  body: r.body,
  mentions: r.mentions,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});
