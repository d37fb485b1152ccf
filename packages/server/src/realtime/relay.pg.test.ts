// PostgreSQL-only mode: two realtime nodes on one database, woken by LISTEN/NOTIFY. Small commits
// travel inline in the notification; a large one (past NOTIFY's limit) is read from the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PubSub } from '../pubsub/port.ts';
import { createPostgresPubSub } from '../pubsub/postgres.ts';
import { migrate } from '../store/migrate.ts';
import { openPostgres, type PostgresDb } from '../store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import {
  connect,
  createTestTenant,
  messageEntry,
  startTestNode,
  type TestNode,
} from './realtime.test-support.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`relay over LISTEN/NOTIFY (${pg.reason})`, () => {
  let db: PostgresDb;
  let drop: () => Promise<void>;
  const pubsubs: PubSub[] = [];
  const nodes: TestNode[] = [];

  beforeAll(async () => {
    const tdb = await createTestDatabase();
    drop = tdb.drop;
    db = await openPostgres(tdb.url);
    await migrate(db);
    for (let i = 0; i < 2; i++) {
      const pubsub = createPostgresPubSub(tdb.url, db.pool);
      pubsubs.push(pubsub);
      nodes.push(await startTestNode({ db, pubsub, prefix: 'pgrelay', sweepMs: 60_000 }));
    }
  }, 180_000);
  afterAll(async () => {
    for (const n of nodes) await n.stop();
    for (const p of pubsubs) await p.close();
    await db.close();
    await drop();
  });

  it('delivers what is committed through one node to sockets on both, once each and in order', async () => {
    const [a, b] = nodes as [TestNode, TestNode];
    const t = await createTestTenant(a);
    const { token } = await t.agent('owner');
    const onA = await connect(a.url, { token });
    const onB = await connect(b.url, { token });
    const big = { ...messageEntry({}), data: { text: 'x'.repeat(20_000) } };
    const seqs = [
      ...(await t.commit([messageEntry({}, 1)])),
      ...(await t.commit([big])),
      ...(await t.commit([messageEntry({}, 2), messageEntry({}, 3)])),
    ];
    for (const c of [onA, onB]) {
      await c.until(() => (c.events.some((e) => e['seq'] === seqs.at(-1)) ? true : undefined));
      expect(c.events.map((e) => e['seq'])).toEqual(seqs);
      expect((c.events[1]!['data'] as { text: string }).text).toHaveLength(20_000);
      c.close();
    }
  });
});
