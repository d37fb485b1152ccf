// The port that keeps unsent messages across a reload. Adapters: memory (tests, Node) and
// IndexedDB (indexeddb-storage.ts). Both pass test/outbox-storage.contract.ts.

export interface OutboxItem {
  clientId: string;
  conversationId: string;
  text: string;
  /** Order of the send in this browser profile; the queue flushes in ascending order. */
  order: number;
  createdAt: string;
  /** `queued` waits for (another) attempt; `failed` was refused by the server and waits for retry/discard. */
  state: 'queued' | 'failed';
  error: { code: string; message: string } | null;
}

export interface OutboxStorage {
  /** Every kept item, in ascending `order`. */
  load(): Promise<OutboxItem[]>;
  /** Inserts or replaces by clientId. */
  put(item: OutboxItem): Promise<void>;
  remove(clientId: string): Promise<void>;
}

export function memoryOutboxStorage(initial: OutboxItem[] = []): OutboxStorage {
  const items = new Map(initial.map((i) => [i.clientId, structuredClone(i)]));
  return {
    async load() {
      return [...items.values()].map((i) => structuredClone(i)).sort((a, b) => a.order - b.order);
    },
    async put(item) {
      items.set(item.clientId, structuredClone(item));
    },
    async remove(clientId) {
      items.delete(clientId);
    },
  };
}
