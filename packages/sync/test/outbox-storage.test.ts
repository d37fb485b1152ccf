import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { indexedDbOutboxStorage } from '../src/indexeddb-storage.ts';
import { memoryOutboxStorage } from '../src/outbox-storage.ts';
import { outboxStorageContract } from './outbox-storage.contract.ts';

describe('memory outbox storage', () => {
  outboxStorageContract(() => memoryOutboxStorage());
});

describe('IndexedDB outbox storage', () => {
  outboxStorageContract(() => indexedDbOutboxStorage({ dbName: 'parley-test', factory: new IDBFactory() }));

  it('keeps items across a reopen (a page reload)', async () => {
    const factory = new IDBFactory();
    const first = indexedDbOutboxStorage({ dbName: 'outbox', factory });
    await first.put({
      clientId: 'a',
      conversationId: 'c1',
      text: 'sent offline',
      order: 1,
      createdAt: '2024-01-01T00:00:00.000Z',
      state: 'queued',
      error: null,
    });
    const second = indexedDbOutboxStorage({ dbName: 'outbox', factory });
    expect((await second.load()).map((i) => i.text)).toEqual(['sent offline']);
  });
});
