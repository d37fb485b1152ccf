// One contract for every outbox adapter (CONTRIBUTING.md: one suite per port).
import { expect, it } from 'vitest';
import type { OutboxItem, OutboxStorage } from '../src/outbox-storage.ts';

const item = (clientId: string, order: number, text = 'hi'): OutboxItem => ({
  clientId,
  conversationId: 'c1',
  text,
  order,
  createdAt: '2024-01-01T00:00:00.000Z',
  state: 'queued',
  error: null,
});

export function outboxStorageContract(make: () => Promise<OutboxStorage> | OutboxStorage): void {
  it('loads nothing when empty', async () => {
    expect(await (await make()).load()).toEqual([]);
  });

  it('loads items in send order whatever the insertion order', async () => {
    const s = await make();
    await s.put(item('b', 2));
    await s.put(item('a', 1));
    await s.put(item('c', 3));
    expect((await s.load()).map((i) => i.clientId)).toEqual(['a', 'b', 'c']);
  });

  it('replaces an item put again under the same clientId', async () => {
    const s = await make();
    await s.put(item('a', 1));
    await s.put({ ...item('a', 1), state: 'failed', error: { code: 'x', message: 'no' } });
    expect(await s.load()).toEqual([
      { ...item('a', 1), state: 'failed', error: { code: 'x', message: 'no' } },
    ]);
  });

  it('removes by clientId, and removing a missing one is harmless', async () => {
    const s = await make();
    await s.put(item('a', 1));
    await s.remove('a');
    await s.remove('nope');
    expect(await s.load()).toEqual([]);
  });
}
