// A faithful in-memory fake of the Parley server's sync contract, for one reader (the agent under
// test): the tenant log with per-reader hidden entries and visibility flips, snapshots with their
// cursor, idempotent sends, 410 on an expired cursor, and the reader's channels and teams changing
// under it (an `agent.updated`, nothing per conversation). Used only by tests.
import { mergePatch } from '../src/merge-patch.ts';
import type { Conversation, LogEntry, Message, Note, SyncEntry } from '../src/protocol.ts';
import type { HttpResponse } from '../src/transport.ts';
import { compareConversations, type ListQuery, matchesQuery } from '../src/views.ts';
import type { Committed } from './expected-view.ts';

export const TENANT = 't1';
export const ME = 'me';
export const MY_CHANNEL = 'ch-mine';
export const OTHER_CHANNEL = 'ch-other';

type Entry = LogEntry['type'];
const err = (status: number, code: string, message = code): HttpResponse => ({
  status,
  body: { error: { code, message } },
});

export class ModelServer {
  seq = 0;
  /** The log as the reader sees it (hidden entries included). */
  readonly log: SyncEntry[] = [];
  /** Every change as committed, before any reader's view (and the reader's reads): the oracle's input. */
  readonly history: Committed[] = [];
  readonly conversations = new Map<string, Conversation>();
  readonly messages = new Map<string, Message>();
  readonly notes = new Map<string, Note>();
  readonly unread = new Map<string, number>();
  private readonly byClientId = new Map<string, string>();
  /** The reader's sight: its channels (directly or through a team) and its teams. */
  myChannels = new Set([MY_CHANNEL]);
  myTeams: string[] = [];
  /** Entries at or below this seq are no longer retained: a cursor below it gets 410. */
  retainedFrom = 0;
  private ids = 0;
  /** Called for every entry committed (the realtime fan-out). */
  onCommit: (e: SyncEntry) => void = () => {};

  visible(c: Conversation | undefined): boolean {
    return (
      c !== undefined &&
      (this.myChannels.has(c.channelId) ||
        c.assigneeId === ME ||
        (c.teamId !== null && this.myTeams.includes(c.teamId)))
    );
  }

  /**
   * Whole seconds, three commits to a second: WhatsApp's timestamps have no finer grain, so equal
   * `lastMessageAt` and `createdAt` are common and the orders' tie-breaks (id) are exercised.
   */
  time(seq = this.seq): string {
    return new Date(Date.UTC(2024, 0, 1) + Math.floor(seq / 3) * 1000).toISOString();
  }

  // ---- History: things that happen on the server side ----

  createConversation(channelId: string, assigneeId: string | null = null): string {
    const id = `conv${++this.ids}`;
    const c: Conversation = {
      id,
      channelId,
      contact: { id: `ct-${id}`, waId: `wa-${id}`, name: `Customer ${id}`, phone: null },
      status: 'open',
      assigneeId,
      teamId: null,
      labels: [],
      lastMessageAt: null,
      lastMessagePreview: null,
      windowExpiresAt: null,
      snoozedUntil: null,
      version: 0,
    };
    this.unread.set(id, 0);
    const { version: _v, ...data } = c;
    this.commitConversation('conversation.created', id, c, data);
    return id;
  }

  patchConversation(id: string, patch: Record<string, unknown>): void {
    const before = this.conversations.get(id);
    if (!before) return;
    this.commitConversation('conversation.updated', id, mergePatch(before, patch), patch);
  }

  inbound(conversationId: string, text: string): string {
    const m = this.newMessage(conversationId, 'in', text, null, 'received');
    this.unread.set(conversationId, (this.unread.get(conversationId) ?? 0) + 1);
    this.afterMessage(conversationId, text);
    return m.id;
  }

  /**
   * An inbound message as Parley's ingest logs it: the conversation's entry first (one per batch,
   * carrying the state after it), then the message. The conversation's version is then below the
   * message it counts, so a row's unreadCount is only bounded by its snapshot's cursor.
   */
  inboundConversationFirst(conversationId: string, text: string): string {
    const c = this.conversations.get(conversationId);
    if (!c) return '';
    const at = this.time(this.seq + 2);
    this.patchConversation(conversationId, { lastMessageAt: at, lastMessagePreview: text.slice(0, 40) });
    this.unread.set(conversationId, (this.unread.get(conversationId) ?? 0) + 1);
    const m = this.newMessage(conversationId, 'in', text, null, 'received');
    return m.id;
  }

  messageStatus(messageId: string, status: Message['status']): void {
    const m = this.messages.get(messageId);
    if (!m) return;
    const next = { ...m, status, version: this.seq + 1 };
    this.messages.set(messageId, next);
    this.commit('message.updated', messageId, m.conversationId, { status });
  }

  note(conversationId: string, body: string): void {
    const id = `note${++this.ids}`;
    const n: Note = {
      id,
      conversationId,
      authorId: 'other',
      body,
      mentions: [],
      createdAt: this.time(),
      version: this.seq + 1,
    };
    this.notes.set(id, n);
    const { version: _v, ...data } = n;
    this.commit('note.created', id, conversationId, data);
  }

  /**
   * The reader's teams or channels change (a team joined, a channel's members replaced): like
   * Parley, one `agent.updated` about the reader and no entry for the conversations it gains or loses.
   */
  changeMySight(change: { teamIds?: string[]; channelIds?: string[]; role?: string }): void {
    if (change.teamIds) this.myTeams = [...change.teamIds];
    if (change.channelIds) this.myChannels = new Set(change.channelIds);
    this.agentUpdated(ME, change);
  }

  /** Any other `agent.updated` (a name, an availability, another agent): no scope, seen by all. */
  agentUpdated(agentId: string, data: Record<string, unknown>): void {
    this.record('agent.updated', agentId, data);
    this.push({ type: 'agent.updated', entityId: agentId, data: { ...data, updatedAt: this.time() } });
  }

  /** Retention moves past everything committed so far: every older cursor gets 410. */
  expireCursors(): void {
    this.retainedFrom = this.seq;
  }

  // ---- The HTTP API ----

  handle(method: string, url: string, body: unknown): HttpResponse {
    const u = new URL(url, 'http://parley.test');
    const parts = u.pathname.split('/').filter(Boolean).slice(2); // drop api, v1
    const q = u.searchParams;
    if (method === 'GET' && parts[0] === 'sync')
      return this.sync(Number(q.get('cursor')), Number(q.get('limit') ?? 100));
    if (method === 'GET' && parts[0] === 'agents' && parts[1] === ME)
      return { status: 200, body: { id: ME, role: 'agent', teamIds: this.myTeams } };
    if (parts[0] !== 'conversations') return err(404, 'not_found');
    if (method === 'GET' && parts.length === 1) return this.listPage(q);
    const conv = this.conversations.get(parts[1] ?? '');
    if (!conv || !this.visible(conv)) return err(404, 'not_found', 'No such conversation.');
    if (method === 'GET' && parts.length === 2)
      return { status: 200, body: { conversation: this.row(conv), cursor: this.seq } };
    if (method === 'GET' && parts[2] === 'messages') return this.threadPage(conv.id, q);
    if (method === 'POST' && parts[2] === 'messages')
      return this.send(conv.id, body as { clientId: string; body: { body: string } });
    if (method === 'POST' && parts[2] === 'read') {
      this.unread.set(conv.id, 0);
      this.history.push({ type: 'read', conversationId: conv.id });
      return { status: 200, body: { conversation: this.row(conv) } };
    }
    const b = body as Record<string, unknown>;
    if (method === 'POST' && parts[2] === 'assign')
      return this.write(conv.id, { assigneeId: b['assigneeId'] });
    if (method === 'POST' && parts[2] === 'status') {
      if (b['status'] === 'snoozed' && !b['snoozedUntil'])
        return err(422, 'snooze_needs_time', 'Give a time to snooze until.');
      return this.write(conv.id, { status: b['status'] });
    }
    if (method === 'PUT' && parts[2] === 'labels') return this.write(conv.id, { labels: b['labels'] });
    return err(404, 'not_found');
  }

  row(c: Conversation): Conversation {
    return { ...c, unreadCount: this.unread.get(c.id) ?? 0 };
  }

  private write(id: string, patch: Record<string, unknown>): HttpResponse {
    this.patchConversation(id, patch);
    const c = this.conversations.get(id)!;
    const body = this.visible(c)
      ? { conversation: this.row(c) }
      : { conversation: this.row(c), visibleToYou: false };
    return { status: 200, body };
  }

  private send(conversationId: string, b: { clientId: string; body: { body: string } }): HttpResponse {
    const known = this.byClientId.get(b.clientId);
    if (known) return { status: 202, body: { message: this.messages.get(known) } };
    if (b.body.body.includes('REJECT')) return err(422, 'window_closed', 'The 24-hour window is closed.');
    const m = this.newMessage(conversationId, 'out', b.body.body, b.clientId, 'pending');
    this.byClientId.set(b.clientId, m.id);
    this.afterMessage(conversationId, b.body.body);
    return { status: 202, body: { message: m } };
  }

  private sync(cursor: number, limit: number): HttpResponse {
    if (cursor < this.retainedFrom) return err(410, 'cursor_expired', 'Cursor too old: reload.');
    const entries = this.log.filter((e) => e.seq > cursor).slice(0, limit);
    const last = entries.at(-1)?.seq ?? cursor;
    return { status: 200, body: { entries, cursor: last, hasMore: last < this.seq } };
  }

  private listPage(q: URLSearchParams): HttpResponse {
    const query: ListQuery = { view: (q.get('view') ?? 'all') as ListQuery['view'] };
    const status = q.get('status');
    const label = q.get('label');
    if (status) query.status = status as Conversation['status'];
    if (label) query.label = label;
    const rows = [...this.conversations.values()]
      .filter((c) => this.visible(c) && matchesQuery(c, query, { agentId: ME, teamIds: this.myTeams }))
      .sort(compareConversations);
    // Sort key as a string that ascends in list order: newest activity first, then id descending.
    const key = (c: Conversation) => `${invert(c.lastMessageAt ?? '')}|${invert(c.id)}`;
    return {
      status: 200,
      body: this.paged(
        rows.map((c) => this.row(c)),
        q,
        key,
      ),
    };
  }

  private threadPage(conversationId: string, q: URLSearchParams): HttpResponse {
    const items = [
      ...[...this.messages.values()]
        .filter((m) => m.conversationId === conversationId)
        .map((m) => ({ ...m, itemType: 'message' as const })),
      ...[...this.notes.values()]
        .filter((n) => n.conversationId === conversationId)
        .map((n) => ({ ...n, itemType: 'note' as const })),
    ].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
    const page = this.paged(items, q, (i) => `${invert(i.createdAt)}|${invert(i.id)}`);
    return { status: 200, body: { ...page, items: page.items.reverse() } };
  }

  // Keyset pages: the token is the sort key of the last row given, so rows that leave the list (a
  // transfer) or arrive at its top (new activity) never make a later page skip a row, as an offset
  // would. The real server must page the same way (README, "What the client relies on").
  private paged<T extends { id: string }>(
    rows: T[],
    q: URLSearchParams,
    key: (r: T) => string,
  ): { items: T[]; nextPage: string | null; cursor: number } {
    const limit = Number(q.get('limit') ?? 50);
    const after = q.get('page');
    const from = after === null ? 0 : rows.findIndex((r) => key(r) > after);
    const items = from < 0 ? [] : rows.slice(from, from + limit);
    const more = from >= 0 && from + limit < rows.length;
    return { items, nextPage: more ? key(items.at(-1)!) : null, cursor: this.seq };
  }

  private newMessage(
    conversationId: string,
    direction: 'in' | 'out',
    text: string,
    clientId: string | null,
    status: Message['status'],
  ): Message {
    const id = `msg${++this.ids}`;
    const m: Message = {
      id,
      conversationId,
      direction,
      kind: 'text',
      body: { body: text },
      status,
      waMessageId: null,
      clientId,
      authorId: direction === 'out' ? ME : null,
      error: null,
      createdAt: this.time(),
      version: this.seq + 1,
    };
    this.messages.set(id, m);
    const { version: _v, ...data } = m;
    this.commit('message.created', id, conversationId, data);
    return m;
  }

  private afterMessage(conversationId: string, text: string): void {
    this.patchConversation(conversationId, {
      lastMessageAt: this.time(),
      lastMessagePreview: text.slice(0, 40),
    });
  }

  private commitConversation(
    type: Entry,
    id: string,
    after: Conversation,
    patch: Record<string, unknown>,
  ): void {
    this.record(type, id, patch);
    const before = this.conversations.get(id);
    const wasVisible = this.visible(before);
    const isVisible = this.visible(after);
    this.conversations.set(id, { ...after, version: this.seq + 1 });
    let data: Record<string, unknown> | null = patch;
    if (wasVisible && !isVisible)
      data = { ...patch, assigneeId: after.assigneeId, teamId: after.teamId, visibleToYou: false };
    else if (!wasVisible && isVisible && type === 'conversation.updated')
      data = { ...patch, visibleToYou: true };
    else if (!isVisible) data = null;
    this.push(data === null ? null : { type, entityId: id, data });
  }

  private commit(type: Entry, entityId: string, conversationId: string, data: Record<string, unknown>): void {
    this.record(type, entityId, data);
    const visible = this.visible(this.conversations.get(conversationId));
    this.push(visible ? { type, entityId, data } : null);
  }

  private record(type: Entry, entityId: string, data: Record<string, unknown>): void {
    this.history.push(structuredClone({ seq: this.seq + 1, type, entityId, data }));
  }

  private push(e: { type: Entry; entityId: string; data: Record<string, unknown> } | null): void {
    const seq = ++this.seq;
    const entry: SyncEntry =
      e === null ? { tenantId: TENANT, seq, type: 'hidden' } : { tenantId: TENANT, seq, version: seq, ...e };
    this.log.push(structuredClone(entry));
    this.onCommit(structuredClone(entry));
  }
}

/** Maps a string to one that sorts in the opposite order (for descending keyset tokens). */
function invert(s: string): string {
  return [...s.padEnd(32, '\0')].map((ch) => String.fromCharCode(0xffff - ch.charCodeAt(0))).join('');
}
