// What views read: derived, immutable snapshots (stable identity until something they show
// changes, so React's useSyncExternalStore re-renders only then).
import type { Transfer } from './entity-state.ts';
import type { OpError } from './optimistic-ops.ts';
import type { OutboxItem } from './outbox-storage.ts';
import type { Conversation, ConversationStatus, Message, Note } from './protocol.ts';

export type ListView = 'mine' | 'unassigned' | 'team' | 'all';

export interface ListQuery {
  view: ListView;
  status?: ConversationStatus;
  label?: string;
}

export interface Me {
  agentId: string;
  teamIds: readonly string[];
}

/** The same filter the server applies, so live changes move rows in and out of a list at once. */
export function matchesQuery(c: Conversation, q: ListQuery, me: Me): boolean {
  if (q.status !== undefined && c.status !== q.status) return false;
  if (q.label !== undefined && !c.labels.includes(q.label)) return false;
  switch (q.view) {
    case 'mine':
      return c.assigneeId === me.agentId;
    case 'unassigned':
      return c.assigneeId === null;
    case 'team':
      return c.teamId !== null && me.teamIds.includes(c.teamId);
    case 'all':
      return true;
  }
}

/**
 * Newest activity first; id (descending, as the server's `ORDER BY last_message_at DESC, id DESC`)
 * breaks ties, so the order is total and the same as the server's pages. Ties are common: WhatsApp
 * timestamps have whole seconds.
 */
export function compareConversations(a: Conversation, b: Conversation): number {
  const ta = a.lastMessageAt ?? '';
  const tb = b.lastMessageAt ?? '';
  if (ta !== tb) return ta < tb ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function queryString(q: ListQuery): string {
  const p = new URLSearchParams({ view: q.view });
  if (q.status) p.set('status', q.status);
  if (q.label) p.set('label', q.label);
  return p.toString();
}

export type OptimisticState = 'pending' | 'failed';

export type ThreadItem =
  | {
      itemType: 'message';
      /** Stable across the optimistic → confirmed swap (the clientId when there is one). */
      key: string;
      message: Message;
      /** Set while the message exists only here. */
      optimistic: { state: OptimisticState; error: OpError | null } | null;
    }
  | { itemType: 'note'; key: string; note: Note };

export interface ThreadSnapshot {
  conversationId: string;
  status: 'loading' | 'ready' | 'error';
  conversation: Conversation | null;
  items: readonly ThreadItem[];
  hasOlder: boolean;
  /** Set when the conversation left this agent's visibility mid-session. */
  transferred: Transfer | null;
  error: OpError | null;
}

export function messageKey(m: Message): string {
  return m.clientId ? `c:${m.clientId}` : `m:${m.id}`;
}

/** A queued send shown as a message row, so views render one shape. */
export function optimisticMessage(item: OutboxItem, authorId: string): Message {
  return {
    id: `local:${item.clientId}`,
    conversationId: item.conversationId,
    direction: 'out',
    kind: 'text',
    body: { body: item.text },
    status: item.state === 'failed' ? 'failed' : 'pending',
    waMessageId: null,
    clientId: item.clientId,
    authorId,
    error: null,
    createdAt: item.createdAt,
    version: 0,
  };
}

export function buildThreadItems(
  messages: Iterable<Message>,
  notes: Iterable<Note>,
  outbox: readonly OutboxItem[],
  authorId: string,
): ThreadItem[] {
  const items: ThreadItem[] = [];
  const confirmed = new Set<string>();
  for (const m of messages) {
    if (m.clientId) confirmed.add(m.clientId);
    items.push({ itemType: 'message', key: messageKey(m), message: m, optimistic: null });
  }
  for (const n of notes) items.push({ itemType: 'note', key: `n:${n.id}`, note: n });
  // The server's row wins the moment it is held: never both, never neither.
  for (const o of outbox) {
    if (confirmed.has(o.clientId)) continue;
    items.push({
      itemType: 'message',
      key: `c:${o.clientId}`,
      message: optimisticMessage(o, authorId),
      optimistic: { state: o.state === 'failed' ? 'failed' : 'pending', error: o.error },
    });
  }
  return items.sort(compareItems);
}

/**
 * Oldest first, id breaking ties: the server's thread pages (`created_at DESC, id DESC`) read
 * backwards, so a thread shows the same order whether it came in pages or live. Ties are common
 * (WhatsApp timestamps have whole seconds).
 */
function compareItems(a: ThreadItem, b: ThreadItem): number {
  const x = a.itemType === 'message' ? a.message : a.note;
  const y = b.itemType === 'message' ? b.message : b.note;
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/** Same rows in the same order: keep the old array so views skip the render. */
export function sameRows<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
