import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, createTenant } from '../admin/accounts.ts';
import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import { commitChanges } from './commit-changes.ts';
import { readEntries } from './event-log.ts';

describe('entity versions', () => {
  let db: Db;
  let tenantId: string;
  let agentId: string;
  const pubsub = createInProcessPubSub();

  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
    tenantId = (await db.tx((q) => createTenant(q, 'versions'))).id;
    agentId = (await db.tx((q) => createAgent(q, tenantId, { email: 'v@x.test', name: 'V', role: 'agent' })))
      .id;
  }, 180_000);
  afterAll(() => db.close());

  const versionOf = async () =>
    (await db.query<{ version: number }>('SELECT version FROM agents WHERE id = $1', [agentId])).rows[0]!
      .version;

  const touch = (n: number) =>
    commitChanges(db, pubsub, 'v', tenantId, async () => ({
      value: null,
      entries: Array.from({ length: n }, (_, i) => ({
        type: 'agent.updated' as const,
        entityId: agentId,
        data: { name: `V${i}` },
      })),
    }));

  it('is the seq of the entry that last changed the entity, in the row and in the entry', async () => {
    const { seqs } = await touch(1);
    expect(await versionOf()).toBe(seqs[0]);
    const [entry] = await readEntries(db, tenantId, seqs[0]! - 1, 1);
    expect(entry!.version).toBe(seqs[0]);
  });

  it('takes the last of several entries for one entity in one transaction', async () => {
    const { seqs } = await touch(3);
    expect(await versionOf()).toBe(seqs[2]);
  });

  it('only grows across many changes, concurrent ones included', async () => {
    const seen: number[] = [await versionOf()];
    for (let i = 0; i < 10; i++) {
      await Promise.all([touch(1), touch(2), touch(1)]);
      seen.push(await versionOf());
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    const { rows } = await db.query<{ seq: number }>('SELECT seq FROM tenant_counters WHERE tenant_id = $1', [
      tenantId,
    ]);
    expect(seen.at(-1)).toBe(rows[0]!.seq);
  });

  it('leaves entities of other entries alone', async () => {
    const before = await versionOf();
    await commitChanges(db, pubsub, 'v', tenantId, async () => ({
      value: null,
      entries: [{ type: 'contact.updated', entityId: '00000000-0000-4000-8000-000000000000', data: {} }],
    }));
    expect(await versionOf()).toBe(before);
  });
});
