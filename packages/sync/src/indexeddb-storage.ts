// The browser adapter of the outbox port: one object store keyed by clientId, so a send made
// offline survives a reload and is flushed (idempotently, by clientId) when the page comes back.
import type { OutboxItem, OutboxStorage } from './outbox-storage.ts';

const STORE = 'outbox';

export interface IndexedDbOptions {
  /** One database per agent and tenant, so two logins in one profile never mix their queues. */
  dbName: string;
  /** Defaults to globalThis.indexedDB; tests pass fake-indexeddb's. */
  factory?: IDBFactory;
}

export function indexedDbOutboxStorage(opts: IndexedDbOptions): OutboxStorage {
  let dbPromise: Promise<IDBDatabase> | null = null;
  const db = () => {
    dbPromise ??= open(opts.dbName, opts.factory ?? globalThis.indexedDB);
    return dbPromise;
  };
  return {
    async load() {
      const items = await run<OutboxItem[]>(await db(), 'readonly', (s) => s.getAll());
      return items.sort((a, b) => a.order - b.order);
    },
    async put(item) {
      await run(await db(), 'readwrite', (s) => s.put(item));
    },
    async remove(clientId) {
      await run(await db(), 'readwrite', (s) => s.delete(clientId));
    },
  };
}

function open(name: string, factory: IDBFactory | undefined): Promise<IDBDatabase> {
  if (!factory)
    return Promise.reject(
      new Error('IndexedDB is not available here; pass `factory` or use memoryOutboxStorage()'),
    );
  return new Promise((resolve, reject) => {
    const req = factory.open(name, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(STORE, { keyPath: 'clientId' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// Resolves when the transaction commits, not when the request succeeds: only then is it durable.
function run<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  op: (s: IDBObjectStore) => IDBRequest,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = op(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
