// What one agent should see, computed straight from the server's committed changes and the rules as
// docs/sync-protocol.md and the sync README state them: nothing here comes from src/ (no
// mergePatch, matchesQuery or sort of the store's), so a wrong merge, filter or order in the store
// cannot hide behind an expected value computed by the same code.
import type { Conversation, Message, Note } from '../src/protocol.ts';
import type { ListQuery } from '../src/views.ts';

/** One change as the server committed it (before any reader's view), or a read of a conversation. */
export type Committed =
  | { seq: number; type: string; entityId: string; data: Record<string, unknown> }
  | { type: 'read'; conversationId: string };

export interface Reader {
  agentId: string;
  channelIds: readonly string[];
  teamIds: readonly string[];
}

export type ExpectedItem = { itemType: 'message'; message: Message } | { itemType: 'note'; note: Note };

export interface ExpectedView {
  visible(conversationId: string): boolean;
  /** The list in the order it must be shown, each row with the reader's unreadCount. */
  list(q: ListQuery): Conversation[];
  /** The whole thread, oldest first. */
  thread(conversationId: string): ExpectedItem[];
}

type Row = Record<string, unknown>;
const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "Present sets, null clears, absent keeps, nested objects merge, arrays are replaced whole." */
function patched(base: Row, patch: Row): Row {
  const out: Row = { ...base };
  for (const [k, v] of Object.entries(patch))
    out[k] = isObject(v) && isObject(out[k]) ? patched(out[k], v) : v;
  return out;
}

/** Newest activity first (none at all: last), then id descending. */
function listOrder(a: Conversation, b: Conversation): number {
  if (a.lastMessageAt !== b.lastMessageAt) {
    if (a.lastMessageAt === null) return 1;
    if (b.lastMessageAt === null) return -1;
    return a.lastMessageAt > b.lastMessageAt ? -1 : 1;
  }
  return a.id > b.id ? -1 : a.id < b.id ? 1 : 0;
}

/** Oldest first, then id ascending: the server's pages (createdAt desc, id desc) read backwards. */
function threadOrder(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function expectedView(history: readonly Committed[], start: Reader): ExpectedView {
  const conversations = new Map<string, Row>();
  const messages = new Map<string, Row>();
  const notes = new Map<string, Row>();
  const unread = new Map<string, number>();
  let channelIds = start.channelIds;
  let teamIds = start.teamIds;
  for (const c of history) {
    if ('conversationId' in c) {
      unread.set(c.conversationId, 0);
      continue;
    }
    const { seq, type, entityId: id, data } = c;
    const table = type.startsWith('conversation.')
      ? conversations
      : type.startsWith('message.')
        ? messages
        : type.startsWith('note.')
          ? notes
          : null;
    if (table) table.set(id, { ...patched(table.get(id) ?? {}, data), version: seq });
    if (type === 'message.created' && data['direction'] === 'in') {
      const conversationId = String(data['conversationId']);
      unread.set(conversationId, (unread.get(conversationId) ?? 0) + 1);
    }
    if (type === 'agent.updated' && id === start.agentId) {
      if (Array.isArray(data['channelIds'])) channelIds = data['channelIds'] as string[];
      if (Array.isArray(data['teamIds'])) teamIds = data['teamIds'] as string[];
    }
  }
  const inMyTeams = (c: Conversation) => c.teamId !== null && teamIds.includes(c.teamId);
  const sees = (c: Conversation) =>
    channelIds.includes(c.channelId) || c.assigneeId === start.agentId || inMyTeams(c);
  const rows = [...conversations.values()] as unknown as Conversation[];
  const inView: Record<ListQuery['view'], (c: Conversation) => boolean> = {
    all: () => true,
    mine: (c) => c.assigneeId === start.agentId,
    unassigned: (c) => c.assigneeId === null,
    team: inMyTeams,
  };
  return {
    visible: (id) => {
      const c = conversations.get(id) as unknown as Conversation | undefined;
      return c !== undefined && sees(c);
    },
    list: (q) =>
      rows
        .filter(
          (c) =>
            sees(c) &&
            inView[q.view](c) &&
            (q.status === undefined || c.status === q.status) &&
            (q.label === undefined || c.labels.includes(q.label)),
        )
        .sort(listOrder)
        .map((c) => ({ ...c, unreadCount: unread.get(c.id) ?? 0 })),
    thread: (conversationId) => {
      const of = (t: Map<string, Row>) =>
        [...t.values()].filter((r) => r['conversationId'] === conversationId) as unknown as (
          | Message
          | Note
        )[];
      return [
        ...of(messages).map((message) => ({ itemType: 'message' as const, message: message as Message })),
        ...of(notes).map((note) => ({ itemType: 'note' as const, note: note as Note })),
      ].sort((a, b) =>
        threadOrder(
          a.itemType === 'message' ? a.message : a.note,
          b.itemType === 'message' ? b.message : b.note,
        ),
      );
    },
  };
}
