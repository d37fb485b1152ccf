// Open threads: messages and notes of one conversation, loaded newest page first, kept live by
// the log, and subscribed on the socket (so the server may send conversation-scoped signals).
import type { StoreContext } from './context.ts';
import { HttpError, httpError } from './context.ts';
import { keys } from './entity-state.ts';
import type { OfflineQueue } from './offline-queue.ts';
import type { ConversationOps } from './optimistic-ops.ts';
import { threadPageSchema } from './protocol.ts';
import { buildThreadItems, type ThreadSnapshot } from './views.ts';

export interface ThreadHandle {
  readonly conversationId: string;
  getSnapshot(): ThreadSnapshot;
  subscribe(fn: () => void): () => void;
  loadOlder(): Promise<void>;
  close(): void;
}

interface ThreadMeta {
  refs: number;
  status: ThreadSnapshot['status'];
  nextPage: string | null;
  error: { code: string; message: string } | null;
  /** The last load failed for want of a network: try again on the next catch-up. */
  retry: boolean;
}

type ThreadPage = ReturnType<typeof threadPageSchema.parse>;

export class ThreadRegistry {
  private readonly meta = new Map<string, ThreadMeta>();
  private readonly cache = new Map<string, ThreadSnapshot>();

  constructor(
    private readonly ctx: StoreContext,
    private readonly queue: OfflineQueue,
    private readonly ops: ConversationOps,
    private readonly subscribe: (conversationId: string, on: boolean) => void,
  ) {}

  open(conversationId: string): ThreadHandle {
    let m = this.meta.get(conversationId);
    if (!m) {
      m = { refs: 0, status: 'loading', nextPage: null, error: null, retry: false };
      this.meta.set(conversationId, m);
      this.ctx.state.openThread(conversationId);
      this.subscribe(conversationId, true);
      if (this.ctx.engine.cursor !== null) this.load(conversationId);
    }
    m.refs += 1;
    const meta = m;
    let closed = false;
    return {
      conversationId,
      getSnapshot: () => this.snapshot(conversationId),
      subscribe: (fn) => this.ctx.notifier.subscribe(keys.thread(conversationId), fn),
      loadOlder: () =>
        meta.nextPage === null
          ? Promise.resolve()
          : this.ctx.track(this.loadPage(conversationId, meta.nextPage)),
      close: () => {
        if (closed) return;
        closed = true;
        meta.refs -= 1;
        if (meta.refs > 0) return;
        this.meta.delete(conversationId);
        this.cache.delete(conversationId);
        this.ctx.state.dropThread(conversationId);
        this.subscribe(conversationId, false);
      },
    };
  }

  openIds(): string[] {
    return [...this.meta.keys()];
  }

  /** Loads again the threads whose last load failed offline (called on reconnect, wake, tick). */
  retryFailed(): void {
    for (const [id, m] of this.meta) {
      if (!m.retry) continue;
      m.retry = false;
      this.load(id);
    }
  }

  invalidate(conversationId: string): void {
    this.cache.delete(conversationId);
  }

  invalidateAll(): void {
    this.cache.clear();
  }

  /** Forget the rows and load the newest page again (the thread came back after a transfer). */
  reload(conversationId: string): void {
    if (!this.meta.has(conversationId)) return;
    this.ctx.state.dropThread(conversationId);
    this.ctx.state.openThread(conversationId);
    this.load(conversationId);
  }

  /** Newest page of every open thread, for a (re-)snapshot; a thread we may not see is marked. */
  async fetchFirstPages(): Promise<{ cursor: number | null; apply(): void }> {
    const ids = this.openIds();
    const pages = await Promise.all(ids.map((id) => this.fetchPage(id, null).catch((e: unknown) => e)));
    let cursor: number | null = null;
    for (const p of pages)
      if (!(p instanceof Error) && isPage(p)) cursor = Math.min(cursor ?? p.cursor, p.cursor);
    return {
      cursor,
      apply: () => {
        ids.forEach((id, i) => {
          const p = pages[i];
          if (isPage(p)) this.put(id, p);
          else this.fail(id, p);
        });
        // Opened while this snapshot was in flight: too late for it, and no cursor then to load by.
        for (const [id, m] of this.meta) if (!ids.includes(id) && m.status === 'loading') this.load(id);
      },
    };
  }

  private load(conversationId: string): void {
    void this.ctx
      .track(this.loadPage(conversationId, null))
      .catch((e: unknown) => this.fail(conversationId, e));
  }

  private async loadPage(conversationId: string, page: string | null): Promise<void> {
    await this.ctx.engine.fetchRows(
      () => this.fetchPage(conversationId, page),
      (p) => this.put(conversationId, p),
    );
  }

  private put(conversationId: string, p: ThreadPage): void {
    const m = this.meta.get(conversationId);
    if (!m) return; // closed while loading
    this.ctx.state.openThread(conversationId);
    for (const item of p.items) {
      const { itemType, ...row } = item;
      if (itemType === 'message' && 'direction' in row) this.ctx.state.putMessage(row);
      else if (itemType === 'note' && 'mentions' in row) this.ctx.state.putNote(row);
    }
    m.nextPage = p.nextPage;
    m.status = 'ready';
    m.error = null;
    m.retry = false;
    this.ctx.touch(keys.thread(conversationId));
  }

  private fail(conversationId: string, err: unknown): void {
    const m = this.meta.get(conversationId);
    if (!m) return;
    m.status = 'error';
    // Only a first page fails here: no rows are held, so there is no older page to ask for.
    m.nextPage = null;
    m.retry = !(err instanceof HttpError);
    m.error =
      err instanceof HttpError
        ? { code: err.code, message: err.message }
        : { code: 'load_failed', message: err instanceof Error ? err.message : String(err) };
    this.ctx.touch(keys.thread(conversationId));
  }

  private async fetchPage(conversationId: string, page: string | null): Promise<ThreadPage> {
    const qs = `limit=${this.ctx.pageSize}${page === null ? '' : `&page=${encodeURIComponent(page)}`}`;
    const path = `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?${qs}`;
    const res = await this.ctx.transport.request('GET', path);
    if (res.status !== 200) throw httpError(`GET ${path}`, res);
    return threadPageSchema.parse(res.body);
  }

  private snapshot(conversationId: string): ThreadSnapshot {
    const hit = this.cache.get(conversationId);
    if (hit) return hit;
    const m = this.meta.get(conversationId);
    const rec = this.ctx.state.conversations.get(conversationId);
    const t = this.ctx.state.threads.get(conversationId);
    const rejection = this.ops.rejections.get(conversationId);
    const snap: ThreadSnapshot = {
      conversationId,
      status: m?.status ?? 'loading',
      conversation: this.ctx.conversationView(conversationId) ?? null,
      items: buildThreadItems(
        t?.messages.values() ?? [],
        t?.notes.values() ?? [],
        this.queue.forConversation(conversationId),
        this.ctx.me.agentId,
      ),
      hasOlder: (m?.nextPage ?? null) !== null,
      transferred: rec && !rec.visible ? rec.transfer : null,
      error: m?.error ?? (rejection ? { code: rejection.code, message: rejection.message } : null),
    };
    if (m) this.cache.set(conversationId, snap);
    return snap;
  }
}

function isPage(p: unknown): p is ThreadPage {
  return typeof p === 'object' && p !== null && 'items' in p && 'cursor' in p;
}
