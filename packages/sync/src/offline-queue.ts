// Outgoing messages, optimistic and durable. A send is shown at once (pending), written to the
// outbox storage, then posted. Posts go one at a time in send order; each carries its clientId so
// a repeat after a lost answer is harmless (the server answers with the same message). Network
// trouble or a 5xx/429 leaves it queued for the next flush; any other refusal marks it failed,
// text kept, until retry() or discard().
import type { Clock, TimerId } from './clock.ts';
import type { OutboxItem, OutboxStorage } from './outbox-storage.ts';
import {
  ErrorBodySchema,
  type Message,
  type SendMessageRequest,
  sendMessageResponseSchema,
} from './protocol.ts';
import { NetworkError, type Transport } from './transport.ts';

export interface QueueHooks {
  /** The outbox items of this conversation changed (shown in its thread). */
  changed(conversationId: string): void;
  /** The server accepted a send: here is its row. */
  accepted(message: Message): void;
  failed(item: OutboxItem): void;
  error(err: unknown): void;
}

export class OfflineQueue {
  private items: OutboxItem[] = [];
  private order = 0;
  private flushing: Promise<void> | null = null;
  private again = false;
  private retryTimer: TimerId | null = null;
  private stopped = false;

  constructor(
    private readonly storage: OutboxStorage,
    private readonly transport: Transport,
    private readonly clock: Clock,
    private readonly hooks: QueueHooks,
    private readonly retryMs: number,
  ) {}

  /** Restores what a previous page left unsent. */
  async load(): Promise<void> {
    const kept = await this.storage.load();
    const known = new Set(this.items.map((i) => i.clientId));
    this.items = [...kept.filter((i) => !known.has(i.clientId)), ...this.items].sort(
      (a, b) => a.order - b.order,
    );
    this.order = Math.max(this.order, ...this.items.map((i) => i.order));
    for (const i of kept) this.hooks.changed(i.conversationId);
  }

  get pending(): readonly OutboxItem[] {
    return this.items;
  }

  get busy(): boolean {
    return this.flushing !== null;
  }

  forConversation(conversationId: string): OutboxItem[] {
    return this.items.filter((i) => i.conversationId === conversationId);
  }

  enqueue(conversationId: string, clientId: string, text: string): OutboxItem {
    // Wall-clock order keeps a reloaded tab's sends after the ones it restored.
    this.order = Math.max(this.order + 1, this.clock.now());
    const item: OutboxItem = {
      clientId,
      conversationId,
      text,
      order: this.order,
      createdAt: new Date(this.clock.now()).toISOString(),
      state: 'queued',
      error: null,
    };
    this.items.push(item);
    this.hooks.changed(conversationId);
    void this.persist(item).then(() => this.flush());
    return item;
  }

  retry(clientId: string): boolean {
    const item = this.items.find((i) => i.clientId === clientId);
    if (item?.state !== 'failed') return false;
    this.replace({ ...item, state: 'queued', error: null });
    void this.flush();
    return true;
  }

  discard(clientId: string): boolean {
    const item = this.items.find((i) => i.clientId === clientId);
    if (!item) return false;
    this.drop(item);
    return true;
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer);
  }

  /** Posts queued items in order; concurrent calls share one pass. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  private async flushLoop(): Promise<void> {
    for (;;) {
      const item = this.items.find((i) => i.state === 'queued');
      if (!item || this.stopped) return;
      const outcome = await this.post(item);
      if (outcome === 'later') {
        this.scheduleRetry();
        return;
      }
    }
  }

  private async post(item: OutboxItem): Promise<'done' | 'later'> {
    const body: SendMessageRequest = { clientId: item.clientId, kind: 'text', body: { body: item.text } };
    let res: Awaited<ReturnType<Transport['request']>>;
    try {
      res = await this.transport.request(
        'POST',
        `/api/v1/conversations/${enc(item.conversationId)}/messages`,
        body,
      );
    } catch (err) {
      if (!(err instanceof NetworkError)) this.hooks.error(err);
      return 'later';
    }
    if (!this.items.includes(item)) return 'done'; // discarded or replaced while in flight
    if (res.status >= 200 && res.status < 300) {
      const ok = sendMessageResponseSchema.safeParse(res.body);
      if (ok.success) this.hooks.accepted(ok.data.message);
      this.drop(item);
      return 'done';
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) return 'later';
    const err = ErrorBodySchema.safeParse(res.body);
    const failed: OutboxItem = {
      ...item,
      state: 'failed',
      error: err.success
        ? { code: err.data.error.code, message: err.data.error.message }
        : { code: `http_${res.status}`, message: `The server refused the message (HTTP ${res.status}).` },
    };
    this.replace(failed);
    this.hooks.failed(failed);
    return 'done';
  }

  private replace(next: OutboxItem): void {
    this.items = this.items.map((i) => (i.clientId === next.clientId ? next : i));
    this.hooks.changed(next.conversationId);
    void this.persist(next);
  }

  private drop(item: OutboxItem): void {
    this.items = this.items.filter((i) => i.clientId !== item.clientId);
    this.hooks.changed(item.conversationId);
    this.storage.remove(item.clientId).catch((err: unknown) => this.hooks.error(err));
  }

  private async persist(item: OutboxItem): Promise<void> {
    try {
      await this.storage.put(item);
    } catch (err) {
      // The send still goes out now; it just would not survive a reload.
      this.hooks.error(err);
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null || this.stopped) return;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, this.retryMs);
  }
}

export const enc = encodeURIComponent;
