// The per-number throughput limit (Cloud API default: 80 messages a second per business number).
// A burst waits its turn instead of being answered 130429. Per process a token bucket; in scale
// mode the workers share a Redis counter per number and second (a fixed window: at a window's edge
// two windows' worth can pass within a second, which Meta's own limiter absorbs as a retried 429).
import type { Redis } from 'ioredis';

/**
 * Meta's limiter and ours never tick together, and requests granted a token apart can reach Meta
 * closer together (one waited on a commit, the other did not). Pacing a little under the limit,
 * with bursts of half a second's worth, leaves Meta's bucket the headroom that jitter eats.
 */
export const pacing = (limit: number): { perSecond: number; burst: number } => ({
  perSecond: limit * 0.9,
  burst: Math.max(1, Math.floor(limit / 2)),
});

export interface RateLimiter {
  /** Resolves when one more message may go out for `key` (a phone number id). */
  acquire(key: string): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * Token bucket with reservations: each caller takes a token at once, possibly going below zero,
 * and waits until its token would have been refilled, so waiting callers leave in arrival order.
 */
export function createTokenBucket(
  perSecond: number,
  clock: Clock = realClock,
  /** Largest burst (bucket size); default a second's worth. */
  burst = perSecond,
): RateLimiter & {
  /** Milliseconds the next caller for `key` would wait (for tests). */
  waitFor(key: string): number;
} {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (key: string) => {
    const t = clock.now();
    const b = buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
    buckets.set(key, b);
    return b;
  };
  return {
    waitFor(key) {
      const b = refill(key);
      return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) / perSecond) * 1000);
    },
    async acquire(key) {
      if (!Number.isFinite(perSecond) || perSecond <= 0) return;
      const b = refill(key);
      b.tokens -= 1;
      if (b.tokens < 0) await clock.sleep(Math.ceil((-b.tokens / perSecond) * 1000));
    },
  };
}

/** A counter per number and second in Redis, shared by every worker process. */
export function createRedisRateLimiter(
  redis: Redis,
  prefix: string,
  perSecond: number,
  clock: Clock = realClock,
): RateLimiter {
  return {
    async acquire(key) {
      for (;;) {
        const t = clock.now();
        const second = Math.floor(t / 1000);
        // Hash tag: the counters of one number live in one Cluster slot.
        const k = `${prefix}:{rate:${key}}:${second}`;
        const [[, n]] = (await redis.multi().incr(k).pexpire(k, 2000).exec()) as [[Error | null, number]];
        if (n <= perSecond) return;
        await clock.sleep((second + 1) * 1000 - t + Math.floor(Math.random() * 20));
      }
    },
  };
}
