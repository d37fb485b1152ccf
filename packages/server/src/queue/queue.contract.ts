// One contract suite that every IngestQueue adapter passes (embedded table on PGlite and on
// PostgreSQL, Redis streams).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IngestQueue } from './port.ts';

export interface QueueFixture {
  /** A fresh, empty queue. */
  make(leaseMs: number): Promise<IngestQueue>;
  /**
   * Moves this queue's clock on by ms: every lease and every lane's delay ends ms sooner. Leases and
   * delays here last a minute and end when the suite says so; windows of a few hundred ms, timed
   * with sleeps, closed before a busy machine got to look, or had not yet closed after the sleep.
   */
  elapse(q: IngestQueue, ms: number): Promise<void>;
  teardown?(): Promise<void>;
}

const MINUTE = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function queueContract(adapter: string, setup: () => Promise<QueueFixture>): void {
  describe(`IngestQueue contract: ${adapter}`, () => {
    let fx: QueueFixture;
    const open: IngestQueue[] = [];
    const make = async (leaseMs = 10_000) => {
      const q = await fx.make(leaseMs);
      open.push(q);
      return q;
    };
    beforeAll(async () => {
      fx = await setup();
    });
    afterAll(async () => {
      for (const q of open) await q.close();
      await fx?.teardown?.();
    });

    it('gives a lane its jobs in arrival order', async () => {
      const q = await make();
      await q.append([1, 2, 3].map((n) => ({ lane: 'a', payload: `p${n}` })));
      const lease = await q.claim('w1', 10);
      expect(lease?.lane).toBe('a');
      expect(lease?.jobs.map((j) => j.payload)).toEqual(['p1', 'p2', 'p3']);
      expect(lease?.jobs.every((j) => j.attempts === 0 && j.enqueuedAt > 0)).toBe(true);
    });

    it('never leases one lane to two workers at once', async () => {
      const q = await make();
      await q.append([
        { lane: 'a', payload: 'a1' },
        { lane: 'b', payload: 'b1' },
      ]);
      const first = await q.claim('w1', 10);
      const second = await q.claim('w2', 10);
      const third = await q.claim('w3', 10);
      expect(new Set([first?.lane, second?.lane])).toEqual(new Set(['a', 'b']));
      expect(third).toBeNull();
    });

    it('does not give back acked jobs, and gives back unacked ones after release', async () => {
      const q = await make();
      await q.append(['x', 'y', 'z'].map((payload) => ({ lane: 'a', payload })));
      const lease = await q.claim('w1', 2);
      expect(lease?.jobs.map((j) => j.payload)).toEqual(['x', 'y']);
      await q.ack(lease!, [lease!.jobs[0]!.id]);
      await q.release(lease!);
      const again = await q.claim('w2', 10);
      expect(again?.jobs.map((j) => j.payload)).toEqual(['y', 'z']);
      await q.ack(
        again!,
        again!.jobs.map((j) => j.id),
      );
      await q.release(again!);
      expect(await q.claim('w3', 10)).toBeNull();
      expect((await q.stats()).depth).toBe(0);
    });

    it('hands a dead worker’s lane to another once its lease expires', async () => {
      const q = await make(MINUTE);
      await q.append([{ lane: 'a', payload: 'job' }]);
      const lost = await q.claim('crashed', 10);
      expect(lost?.jobs).toHaveLength(1);
      expect(await q.claim('w2', 10)).toBeNull();
      await fx.elapse(q, MINUTE - 1_000);
      expect(await q.claim('w2', 10)).toBeNull();
      await fx.elapse(q, 2_000);
      const taken = await q.claim('w2', 10);
      expect(taken?.lane).toBe('a');
      expect(taken?.jobs.map((j) => j.payload)).toEqual(['job']);
      // The old holder can no longer release or extend what it lost.
      expect(await q.extend(lost!)).toBe(false);
    });

    it('rotates lanes: a released lane goes behind the lanes already waiting', async () => {
      const q = await make();
      await q.append(Array.from({ length: 5 }, (_, i) => ({ lane: 'busy', payload: `b${i}` })));
      await sleep(5);
      await q.append([{ lane: 'quiet', payload: 'q0' }]);
      const l1 = await q.claim('w', 1);
      expect(l1?.lane).toBe('busy');
      await q.ack(l1!, [l1!.jobs[0]!.id]);
      await q.release(l1!);
      const l2 = await q.claim('w', 1);
      expect(l2?.lane).toBe('quiet');
    });

    it('counts failed attempts, delays the lane, and buries a poison job with its error', async () => {
      const q = await make();
      await q.append([{ lane: 'a', payload: 'poison' }]);
      const l1 = await q.claim('w', 1);
      await q.retry(l1!, l1!.jobs[0]!, 'boom', MINUTE);
      expect(await q.claim('w', 1)).toBeNull();
      await fx.elapse(q, MINUTE - 1_000);
      expect(await q.claim('w', 1)).toBeNull();
      await fx.elapse(q, 2_000);
      const l2 = await q.claim('w', 1);
      expect(l2?.jobs[0]?.attempts).toBe(1);
      await q.bury(l2!, l2!.jobs[0]!, 'boom again');
      await q.release(l2!);
      expect(await q.claim('w', 1)).toBeNull();
      const dead = await q.dead(10);
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ lane: 'a', payload: 'poison', attempts: 2, error: 'boom again' });
      expect((await q.stats()).dead).toBe(1);
    });

    it('replays dead jobs back into their lanes', async () => {
      const q = await make();
      await q.append([{ lane: 'a', payload: 'again' }]);
      const l1 = await q.claim('w', 1);
      await q.bury(l1!, l1!.jobs[0]!, 'fixed later');
      await q.release(l1!);
      expect(await q.replayDead()).toBe(1);
      expect(await q.dead(10)).toHaveLength(0);
      const l2 = await q.claim('w', 1);
      expect(l2?.jobs.map((j) => j.payload)).toEqual(['again']);
    });

    it('reports lanes, depth and the age of the oldest job', async () => {
      const q = await make();
      await q.append([
        { lane: 'a', payload: '1' },
        { lane: 'a', payload: '2' },
        { lane: 'b', payload: '3' },
      ]);
      const s = await q.stats();
      expect(s.depth).toBe(3);
      expect(s.lanes.map((l) => [l.lane, l.depth])).toEqual([
        ['a', 2],
        ['b', 1],
      ]);
      expect(s.lanes.every((l) => l.oldestAgeMs !== null && l.oldestAgeMs >= 0)).toBe(true);
    });

    it('wakes a waiting worker when work arrives', async () => {
      const q = await make();
      // A first short wait subscribes (the SQL adapters listen on first use), so the append below
      // cannot come before the waiter is listening.
      await q.waitForWork(1);
      let woke = false;
      const waiting = q.waitForWork(120_000).then(() => {
        woke = true;
      });
      await q.append([{ lane: 'a', payload: 'wake' }]);
      // Well before the wait's own timeout could end it: only the append can have woken it.
      await vi.waitFor(() => expect(woke).toBe(true), { timeout: 30_000, interval: 20 });
      await waiting;
    });
  });
}
