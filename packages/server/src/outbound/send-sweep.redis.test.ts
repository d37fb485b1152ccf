// Sends stored without their job, in scale mode on a Redis of the test's own (AOF on): with Redis
// down the API answers that the message is stored and not yet queued, and once Redis is back the
// send sweep queues it and it reaches WhatsApp once; the sweep never doubles a send whose job is
// queued, and two sweeps at once queue a send once.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../log/logger.ts';
import { type PrivateRedis, startPrivateRedis } from '../test-support/private-redis.ts';
import { scaleServicesAvailable } from '../test-support/scale-mode.ts';
import { createTestDatabase, uniqueName } from '../test-support/services.ts';
import { NOT_QUEUED_NOTICE } from './commit-send.ts';
import { type OutboundHarness, startOutboundHarness } from './outbound-harness.test-support.ts';
import { queueOrphanSends } from './send-sweep.ts';

const svc = await scaleServicesAvailable();
const SWEEP_MS = 1500;

describe.skipIf(!svc.ok)(`stored sends without their job${svc.ok ? '' : `: skipped, ${svc.reason}`}`, () => {
  let h: OutboundHarness;
  let redis: PrivateRedis;
  let drop: () => Promise<void>;
  let customer = 15550007000;
  const nextCustomer = () => String(customer++);
  type Answer = { message: { id: string; status: string }; queued: boolean; notice?: string };

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendonly: true });
    const db = await createTestDatabase();
    drop = db.drop;
    h = await startOutboundHarness({
      databaseUrl: db.url,
      env: {
        REDIS_URL: redis.url,
        PARLEY_QUEUE_PREFIX: uniqueName('sweep'),
        PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
        PARLEY_OUTBOUND_SWEEP_MS: String(SWEEP_MS),
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
    await drop?.();
  });

  const statusOf = (id: string, wanted: string[]) => async () => {
    const m = await h.message(id);
    return wanted.includes(m.status) ? m : null;
  };
  const ledger = async (id: string) =>
    (
      await h.server.ctx.db.query<{ state: string; enqueued: boolean }>(
        'SELECT state, enqueued_at IS NOT NULL AS enqueued FROM outbound_sends WHERE message_id = $1',
        [id],
      )
    ).rows[0];

  it('answers "stored, not queued yet" while Redis is down, then sends it once when Redis is back', async () => {
    const waId = nextCustomer();
    const conv = await h.customerWrites(waId);
    await redis.kill();
    const res = await h.api<Answer>('POST', `/api/v1/conversations/${conv}/messages`, {
      clientId: randomUUID(),
      kind: 'text',
      body: { body: 'while Redis is down' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      queued: false,
      notice: NOT_QUEUED_NOTICE,
      message: { status: 'pending' },
    });
    const id = res.body.message.id;
    expect(await ledger(id)).toEqual({ state: 'queued', enqueued: false });
    await redis.restart();
    // Nobody posts again: the worker's sweep finds the send and queues it.
    await h.waitFor('sent by the sweep', statusOf(id, ['sent', 'delivered', 'read']), 60_000);
    await h.sim.idle();
    expect(h.sim.received().filter((r) => r.waId === waId)).toHaveLength(1);
  });

  it('queues a send the API stored just before it died, by the sweep alone, once', async () => {
    const waId = nextCustomer();
    const conv = await h.customerWrites(waId);
    const id = await h.storedWithoutJob(conv, 'the API died after this commit');
    await h.waitFor('sent by the sweep', statusOf(id, ['sent', 'delivered', 'read']), 30_000);
    // Two more sweep intervals: nothing sends it again.
    await new Promise((r) => setTimeout(r, 2 * SWEEP_MS));
    await h.sim.idle();
    expect(h.sim.received().filter((r) => r.waId === waId)).toHaveLength(1);
  });

  it('never queues a send whose job is queued, and two sweeps at once queue a stored send once', async () => {
    const conv = await h.customerWrites(nextCustomer());
    const log = { warn: () => {}, error: () => {} } as unknown as Logger;
    const deps = { db: h.server.ctx.db, queue: h.server.ctx.outbound, log };
    // A send through the API has its job: enqueued_at is set, the sweep leaves it alone.
    const viaApi = await h.api<Answer>('POST', `/api/v1/conversations/${conv}/messages`, {
      clientId: randomUUID(),
      kind: 'text',
      body: { body: 'queued normally' },
    });
    expect(viaApi.body.queued).toBe(true);
    expect((await ledger(viaApi.body.message.id))?.enqueued).toBe(true);
    const orphan = await h.storedWithoutJob(conv, 'no job');
    await h.server.ctx.db.query(
      "UPDATE outbound_sends SET queued_at = now() - interval '1 hour' WHERE message_id = ANY($1::uuid[])",
      [[orphan, viaApi.body.message.id]],
    );
    const counts = await Promise.all([
      queueOrphanSends(deps, { graceMs: 0 }),
      queueOrphanSends(deps, { graceMs: 0 }),
    ]);
    expect(counts[0]! + counts[1]!).toBe(1);
    expect(await queueOrphanSends(deps, { graceMs: 0 })).toBe(0);
    expect((await ledger(orphan))?.enqueued).toBe(true);
  });
});
