import { Server } from 'socket.io';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logChannel } from '../events/commit-changes.ts';
import { appendEntries } from '../events/event-log.ts';
import { createMetrics } from '../metrics/registry.ts';
import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { Db, Queryable } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import {
  connect,
  createTestTenant,
  messageEntry,
  silentLog,
  startTestNode,
  type TestNode,
} from './realtime.test-support.ts';
import { createRelay } from './relay.ts';

describe('relay', () => {
  let node: TestNode;
  beforeAll(async () => {
    // A sweep every 5 ms races the wake-ups on purpose.
    node = await startTestNode({ sweepMs: 5 });
  }, 180_000);
  afterAll(() => node.stop());
  afterEach(() => vi.useRealTimers());

  it('delivers every entry to a socket exactly once and in order, however wake-ups and sweeps race', async () => {
    const t = await createTestTenant(node);
    const admin = await connect(node.url, { token: (await t.agent('owner')).token });
    const agent = await connect(node.url, { token: (await t.agent('agent', [t.channelId])).token });
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 10; i++) {
        await t.commit([messageEntry(i % 2 ? {} : { channelId: t.otherChannelId }, i), messageEntry({}, i)]);
        // Extra, duplicate and stale wake-ups: hints only, they must not cause a second send.
        await node.pubsub.publish(logChannel(node.prefix), JSON.stringify({ tenantId: t.tenantId, seq: w }));
      }
    });
    await Promise.all(writers);
    const total = 8 * 10 * 2;
    for (const c of [admin, agent]) {
      await c.until(() => (c.events.some((e) => e['seq'] === total) ? true : undefined));
      expect(c.events.map((e) => e['seq'])).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      c.close();
    }
    // The agent was told of the other channel's entries only as hidden ones.
    expect(agent.events.filter((e) => e['type'] === 'hidden')).toHaveLength(40);
  });

  it('sends the entries a wake-up carries without reading the log, and reads it when they skip a seq', async () => {
    const base = await openPglite(null);
    await migrate(base);
    const reads: string[] = [];
    const db: Db = {
      ...base,
      query: (sql, params) => {
        if (sql.includes('FROM event_log')) reads.push(sql);
        return base.query(sql, params);
      },
    };
    const n = await startTestNode({ db, sweepMs: 60_000 });
    try {
      const t = await createTestTenant(n);
      const c = await connect(n.url, { token: (await t.agent('owner')).token });
      const [first] = await t.commit([messageEntry({})]);
      await c.until(() => c.events.find((e) => e['seq'] === first));
      expect(reads).toHaveLength(0);
      // An entry committed with no wake-up: the next wake-up's entries do not follow the cursor.
      await base.tx((q) => appendEntries(q, t.tenantId, [messageEntry({})]));
      const [third] = await t.commit([messageEntry({})]);
      await c.until(() => c.events.find((e) => e['seq'] === third));
      expect(reads.length).toBeGreaterThan(0);
      expect(c.events.map((e) => e['seq'])).toEqual([1, 2, 3]);
      c.close();
    } finally {
      await n.stop();
      await base.close();
    }
  });

  it('does not poll the database in a tight loop: idle, it reads once per sweep', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const calls: string[] = [];
    const counting: Queryable = {
      query: (sql, params) => {
        calls.push(sql);
        return node.db.query(sql, params);
      },
    };
    const pubsub = createInProcessPubSub();
    const relay = createRelay({
      io: new Server(),
      db: counting,
      pubsub,
      prefix: 'idle',
      metrics: createMetrics(),
      log: silentLog,
      sweepMs: 2000,
    });
    await relay.start();
    const atStart = calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    // 30 sweeps in a minute, one small query each, and nothing else.
    expect(calls.length - atStart).toBe(30);
    expect(new Set(calls.slice(atStart))).toEqual(new Set(['SELECT tenant_id, seq FROM tenant_counters']));
    await relay.stop();
    await pubsub.close();
  });
});
