// The sync protocol on the wire, shared by the server (which writes it) and every client (which
// reads it). docs/sync-protocol.md is the prose version of this file; change both together.
import { z } from 'zod';

/** Every entity type that appears in the event log, and the verbs it takes. */
export const EVENT_TYPES = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'message.updated',
  'note.created',
  'contact.updated',
  'agent.updated',
  'mention.created',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A logged change the reader may see. `data` is a patch (see mergePatch). */
export const LogEntrySchema = z.object({
  tenantId: z.string(),
  seq: z.number().int().positive(),
  type: z.enum(EVENT_TYPES),
  entityId: z.string(),
  version: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** A logged change the reader may not see: it keeps the cursor gap-free, and carries nothing. */
export const HiddenEntrySchema = z.object({
  tenantId: z.string(),
  seq: z.number().int().positive(),
  type: z.literal('hidden'),
});
export type HiddenEntry = z.infer<typeof HiddenEntrySchema>;

export const SyncEntrySchema = z.union([HiddenEntrySchema, LogEntrySchema]);
export type SyncEntry = LogEntry | HiddenEntry;

export const isHidden = (e: SyncEntry): e is HiddenEntry => e.type === 'hidden';

/** `GET /api/v1/sync?cursor=N&limit=L` answers this. `cursor` is the seq of the last entry given. */
export const SyncPageSchema = z.object({
  entries: z.array(SyncEntrySchema),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type SyncPage = z.infer<typeof SyncPageSchema>;

/** Ephemeral signals: never logged, no seq. */
export const SIGNAL_TYPES = ['typing', 'presence'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];
export interface Signal {
  tenantId: string;
  type: SignalType;
  data: Record<string, unknown>;
}

/** Socket.IO event names and path. */
export const REALTIME_PATH = '/realtime';
export const SOCKET_EVENT = 'event';
export const SOCKET_SIGNAL = 'signal';

/** The error shape of every REST answer that is not 2xx. */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// ---- Entity shapes as they appear in snapshots and (partially) in event data ----

export const MESSAGE_STATUSES = [
  'pending',
  'unknown',
  'sent',
  'delivered',
  'read',
  'failed',
  'received',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const ContactSchema = z.object({
  id: z.string(),
  waId: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  version: z.number().int(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(['in', 'out']),
  /** WhatsApp message type: text, image, …, or `unknown` for a type Parley does not know. */
  kind: z.string(),
  /** A typed body per kind (text: { body }, image: { mediaId, mime, caption }, …). */
  body: z.record(z.string(), z.unknown()),
  status: z.enum(MESSAGE_STATUSES),
  waMessageId: z.string().nullable(),
  clientId: z.string().nullable(),
  authorId: z.string().nullable(),
  error: z.object({ code: z.number().nullable(), title: z.string() }).nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Message = z.infer<typeof MessageSchema>;

export const NoteSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  authorId: z.string(),
  body: z.string(),
  mentions: z.array(z.string()),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Note = z.infer<typeof NoteSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  contact: ContactSchema.pick({ id: true, waId: true, name: true, phone: true }),
  status: z.enum(CONVERSATION_STATUSES),
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
  labels: z.array(z.string()),
  lastMessageAt: z.string().nullable(),
  lastMessagePreview: z.string().nullable(),
  /** Expiry of the 24-hour customer-service window (ISO time), null when it never opened. */
  windowExpiresAt: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  /**
   * Per reader, snapshots only (added by the sync client): unread inbound messages for the agent who
   * asked. Never in log entries; the client counts on from the snapshot and resets on read.
   */
  unreadCount: z.number().int().nonnegative().optional(),
  version: z.number().int(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** Snapshot pages carry the sync cursor they are consistent with. */
export const conversationPageSchema = z.object({
  items: z.array(ConversationSchema),
  nextPage: z.string().nullable(),
  cursor: z.number().int().nonnegative(),
});
export const threadPageSchema = z.object({
  items: z.array(
    z.union([
      MessageSchema.extend({ itemType: z.literal('message') }),
      NoteSchema.extend({ itemType: z.literal('note') }),
    ]),
  ),
  nextPage: z.string().nullable(),
  cursor: z.number().int().nonnegative(),
});

// ---- Added by the sync client (issue 7). Server: please implement these as written. ----

/**
 * Visibility transitions. The log is filtered per reader: an entry about a conversation the reader
 * cannot see after that entry arrives as a HiddenEntry. On the one entry where a conversation's
 * visibility for this reader flips, the server sends the entry (not hidden) and adds to its `data`:
 *  - `visibleToYou: false` on the `conversation.updated` that removes it (a transfer): data carries
 *    at least the new `assigneeId` and `teamId`. Later entries about it are hidden.
 *  - `visibleToYou: true` on the `conversation.updated` that gives it (back) to the reader. The
 *    reader's copy may be stale (it missed hidden entries), so the client re-fetches the
 *    conversation with `GET /api/v1/conversations/:id` and reloads an open thread.
 * The field is absent on every other entry. It is never stored in the entity.
 */
export const VISIBLE_TO_YOU = 'visibleToYou';

/**
 * `GET /api/v1/conversations/:id` → 200 `{ conversation, cursor }`, or 404 when the reader cannot
 * see it. The client uses it to fetch a conversation it hears about but does not hold.
 */
export const conversationOneSchema = z.object({
  conversation: ConversationSchema,
  cursor: z.number().int().nonnegative(),
});

/** Socket events the client emits. The server authorises each one (tenant wall, visibility). */
export const CLIENT_SUBSCRIBE = 'subscribe';
export const CLIENT_UNSUBSCRIBE = 'unsubscribe';
export const CLIENT_TYPING = 'typing';
export interface ConversationRef {
  conversationId: string;
}

/** `data` of a `typing` signal; the client forgets it after TYPING_TTL_MS without a repeat. */
export const TypingSignalDataSchema = z.object({ conversationId: z.string(), agentId: z.string() });
export const TYPING_TTL_MS = 6_000;
/** Live presence of an agent: its chosen availability while connected, `offline` otherwise. */
export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];
/** What an agent chooses (agents.availability, changed by PUT /api/v1/me/availability). */
export type AgentAvailability = PresenceStatus;
/** `data` of a `presence` signal: `{ agentId, status, online }` (`online` is `status !== 'offline'`). */
export const PresenceSignalDataSchema = z.object({ agentId: z.string(), online: z.boolean() }).loose();
export const SignalSchema = z.object({
  tenantId: z.string(),
  type: z.enum(SIGNAL_TYPES),
  data: z.record(z.string(), z.unknown()),
});

/** Bodies of the write endpoints. */
export interface SendMessageRequest {
  clientId: string;
  kind: 'text';
  body: { body: string };
}
export interface AssignRequest {
  assigneeId: string | null;
  teamId?: string | null;
}
export interface StatusRequest {
  status: ConversationStatus;
  snoozedUntil?: string | null;
}
export interface LabelsRequest {
  labels: string[];
}
/** `POST /conversations/:id/messages` → 202 `{ message }`. */
export const sendMessageResponseSchema = z.object({ message: MessageSchema });
/**
 * Assign, status, labels and read answer 200 `{ conversation, visibleToYou? }`: the row after the
 * change, with its version, and `visibleToYou: false` when the caller can no longer see it (same
 * meaning as in log entries). A client also copes with an empty 2xx by pulling the sync log.
 */
export const conversationWriteResponseSchema = z.object({
  conversation: ConversationSchema,
  /** `false` when the change took the conversation out of the caller's sight (they transferred it). */
  visibleToYou: z.boolean().optional(),
});
