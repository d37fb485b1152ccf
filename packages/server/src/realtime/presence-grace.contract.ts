// What every GraceStore does (presence-grace.ts), run on each adapter.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { GraceStore } from './presence-grace.ts';

export function graceStoreContract(getStore: () => GraceStore): void {
  it('shows an agent in grace until its end, to any reader', async () => {
    const store = getStore();
    const tenantId = randomUUID();
    const now = Date.now();
    await store.begin(tenantId, 'a1', now + 10_000);
    expect(await store.runningPast(tenantId, now)).toEqual(new Set(['a1']));
    expect(await store.runningPast(tenantId, now + 10_000)).toEqual(new Set());
    expect(await store.runningPast(randomUUID(), now)).toEqual(new Set());
  });

  it('keeps the later end when two nodes begin a grace for one agent', async () => {
    const store = getStore();
    const tenantId = randomUUID();
    const now = Date.now();
    await store.begin(tenantId, 'a1', now + 20_000);
    await store.begin(tenantId, 'a1', now + 10_000);
    expect(await store.runningPast(tenantId, now + 15_000)).toEqual(new Set(['a1']));
  });

  it('forgets the grace once the agent connects again', async () => {
    const store = getStore();
    const tenantId = randomUUID();
    const now = Date.now();
    await store.begin(tenantId, 'a1', now + 10_000);
    await store.begin(tenantId, 'a2', now + 10_000);
    await store.end(tenantId, 'a1');
    expect(await store.runningPast(tenantId, now)).toEqual(new Set(['a2']));
  });

  it('does not count a grace that has ended', async () => {
    const store = getStore();
    const tenantId = randomUUID();
    await store.begin(tenantId, 'a1', Date.now() - 1);
    expect(await store.runningPast(tenantId, Date.now())).toEqual(new Set());
  });
}
