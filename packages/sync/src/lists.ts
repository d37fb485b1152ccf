// Conversation lists. A list is a query over the conversations the store holds (the same filter
// the server applies), so a live change moves a row in or out without a refetch; pages from the
// server only widen what is held. Sorting happens once per frame, in the notifier's flush.
import type { StoreContext } from './context.ts';
import { httpError } from './context.ts';
import { type Conversation, conversationPageSchema } from './protocol.ts';
import { NetworkError } from './transport.ts';
import { compareConversations, type ListQuery, matchesQuery, queryString, sameRows } from './views.ts';

export interface ListHandle {
  readonly query: ListQuery;
  /** Sorted rows; the same array until a row in it changes. */
  getSnapshot(): readonly Conversation[];
  subscribe(fn: () => void): () => void;
  hasMore(): boolean;
  loadMore(): Promise<void>;
  close(): void;
}

interface ListRecord {
  key: string;
  query: ListQuery;
  rows: readonly Conversation[];
  nextPage: string | null;
  refs: number;
  /** The first page has not been fetched yet (opened offline or before the first snapshot). */
  unloaded: boolean;
}

export interface ConversationPage {
  items: Conversation[];
  nextPage: string | null;
  cursor: number;
}

export class ListRegistry {
  private readonly lists = new Map<string, ListRecord>();

  constructor(private readonly ctx: StoreContext) {
    ctx.notifier.addDeriver((dirty) => this.derive(dirty));
  }

  open(query: ListQuery): ListHandle {
    const rec = this.record(query);
    rec.refs += 1;
    const fresh = rec.refs === 1 && rec.rows.length === 0;
    if (fresh && this.ctx.engine.cursor !== null)
      void this.ctx.track(this.loadPage(rec, null)).catch(this.ctx.onError);
    let closed = false;
    return {
      query,
      getSnapshot: () => rec.rows,
      subscribe: (fn) => this.ctx.notifier.subscribe(rec.key, fn),
      hasMore: () => rec.nextPage !== null,
      loadMore: () =>
        rec.nextPage === null ? Promise.resolve() : this.ctx.track(this.loadPage(rec, rec.nextPage)),
      close: () => {
        if (closed) return;
        closed = true;
        rec.refs -= 1;
        if (rec.refs <= 0) this.lists.delete(rec.key);
      },
    };
  }

  /** Ensures a list is held (the base list), without a handle. */
  keep(query: ListQuery): void {
    this.record(query).refs += 1;
  }

  /** Fetches the first page of lists opened while offline (called on reconnect, wake, tick). */
  retryFailed(): void {
    for (const rec of this.lists.values()) if (rec.unloaded) this.loadFirst(rec);
  }

  private loadFirst(rec: ListRecord): void {
    rec.unloaded = false;
    void this.ctx.track(this.loadPage(rec, null)).catch((err: unknown) => {
      rec.unloaded = true;
      if (!(err instanceof NetworkError)) this.ctx.onError(err);
    });
  }

  /** First page of every held list, for a (re-)snapshot. */
  async fetchFirstPages(): Promise<{ cursor: number; apply(): void }> {
    const recs = [...this.lists.values()];
    const pages = await Promise.all(recs.map((r) => this.fetchPage(r.query, null)));
    return {
      cursor: Math.min(...pages.map((p) => p.cursor)),
      apply: () => {
        recs.forEach((r, i) => {
          const page = pages[i]!;
          r.nextPage = page.nextPage;
          r.unloaded = false;
          for (const c of page.items) this.ctx.state.putConversation(c, true, page.cursor);
        });
        // Opened while this snapshot was in flight: too late for it, and no cursor then to load by.
        for (const rec of this.lists.values()) if (!recs.includes(rec) && rec.unloaded) this.loadFirst(rec);
      },
    };
  }

  private record(query: ListQuery): ListRecord {
    const key = `list:${queryString(query)}`;
    let rec = this.lists.get(key);
    if (!rec) {
      rec = { key, query, rows: [], nextPage: null, refs: 0, unloaded: true };
      this.lists.set(key, rec);
      rec.rows = this.compute(rec);
    }
    return rec;
  }

  private async loadPage(rec: ListRecord, page: string | null): Promise<void> {
    await this.ctx.engine.fetchRows(
      () => this.fetchPage(rec.query, page),
      (p) => {
        rec.nextPage = p.nextPage;
        for (const c of p.items) this.ctx.state.putConversation(c, true, p.cursor);
        this.ctx.touch(rec.key);
      },
    );
  }

  private async fetchPage(query: ListQuery, page: string | null): Promise<ConversationPage> {
    const qs = `${queryString(query)}&limit=${this.ctx.pageSize}${page === null ? '' : `&page=${encodeURIComponent(page)}`}`;
    const res = await this.ctx.transport.request('GET', `/api/v1/conversations?${qs}`);
    if (res.status !== 200) throw httpError('GET /api/v1/conversations', res);
    return conversationPageSchema.parse(res.body);
  }

  private derive(dirty: ReadonlySet<string>): string[] {
    let convChanged = false;
    for (const k of dirty)
      if (k.startsWith('conv:') || k === 'contacts' || k === 'conversations') convChanged = true;
    if (!convChanged) return [];
    const changed: string[] = [];
    for (const rec of this.lists.values()) {
      const rows = this.compute(rec);
      if (sameRows(rows, rec.rows)) continue;
      rec.rows = rows;
      changed.push(rec.key);
    }
    return changed;
  }

  private compute(rec: ListRecord): Conversation[] {
    const rows: Conversation[] = [];
    for (const [id, r] of this.ctx.state.conversations) {
      if (!r.visible) continue;
      const view = this.ctx.conversationView(id);
      if (view && matchesQuery(view, rec.query, this.ctx.me)) rows.push(view);
    }
    return rows.sort(compareConversations);
  }
}
