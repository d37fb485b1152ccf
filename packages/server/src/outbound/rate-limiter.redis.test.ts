// The scale-mode limiter: worker processes share one counter per number and second in Redis.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { dropRedisPrefix, redisAvailable, redisUrl, uniqueName } from '../test-support/services.ts';
import { type Clock, createRedisRateLimiter } from './rate-limiter.ts';

const redis = await redisAvailable();
const prefix = uniqueName('rl_');

describe.skipIf(!redis.ok)(`Redis rate limiter ${redis.ok ? '' : `— skipped: ${redis.reason}`}`, () => {
  const a = new Redis(redisUrl());
  const b = new Redis(redisUrl());
  afterAll(async () => {
    a.disconnect();
    b.disconnect();
    await dropRedisPrefix(prefix);
  });

  it('lets the limit through per second across processes, then waits for the next second', async () => {
    // A clock that starts at a second's boundary and moves only when someone sleeps.
    let t = Math.ceil(Date.now() / 1000) * 1000 + 10_000;
    const slept: number[] = [];
    const clock: Clock = {
      now: () => t,
      async sleep(ms) {
        slept.push(ms);
        t += ms;
      },
    };
    const one = createRedisRateLimiter(a, prefix, 3, clock);
    const two = createRedisRateLimiter(b, prefix, 3, clock);
    await one.acquire('n1');
    await two.acquire('n1');
    await one.acquire('n1');
    expect(slept).toEqual([]);
    // The fourth in the same second, from either process, waits for the next second.
    await two.acquire('n1');
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThanOrEqual(1000);
    // Another number has its own counter.
    await one.acquire('n2');
    expect(slept).toHaveLength(1);
  });
});
