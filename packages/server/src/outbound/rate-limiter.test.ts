import { describe, expect, it } from 'vitest';
import { type Clock, createTokenBucket } from './rate-limiter.ts';

/** A clock that moves only when someone sleeps, so waits are exact and instant. */
function fakeClock(): Clock & { slept: number[] } {
  let t = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    async sleep(ms) {
      slept.push(ms);
      t += ms;
    },
  };
}

describe('per-number token bucket', () => {
  it('lets a burst up to the rate through at once, then spaces the rest at the rate', async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket(10, clock);
    for (let i = 0; i < 10; i++) await bucket.acquire('n1');
    expect(clock.slept).toEqual([]);
    for (let i = 0; i < 5; i++) await bucket.acquire('n1');
    // Each further message waits for one token: 1/10 s.
    expect(clock.slept).toEqual([100, 100, 100, 100, 100]);
  });

  it('keeps numbers apart: one number at its limit does not slow another', async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket(2, clock);
    await bucket.acquire('a');
    await bucket.acquire('a');
    expect(bucket.waitFor('a')).toBe(500);
    expect(bucket.waitFor('b')).toBe(0);
  });

  it('queues concurrent callers in arrival order, each a token later', async () => {
    const t = 0;
    const waits: number[] = [];
    const clock: Clock = { now: () => t, sleep: async (ms) => void waits.push(ms) };
    const bucket = createTokenBucket(4, clock);
    await Promise.all(Array.from({ length: 8 }, () => bucket.acquire('x')));
    expect(waits).toEqual([250, 500, 750, 1000]);
  });
});
