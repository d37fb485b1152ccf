// Cloud API caps each business number's throughput (80 messages/s by default, more on request).
// A token bucket per number: a burst up to the limit is fine, a sustained rate above it is not.

export interface RateLimiter {
  /** Takes one token for `key`; false means the caller must answer 130429. */
  take(key: string, nowMs: number): boolean;
}

export function createRateLimiter(perSecond: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, nowMs) {
      if (!Number.isFinite(perSecond) || perSecond <= 0) return true;
      const bucket = buckets.get(key) ?? { tokens: perSecond, at: nowMs };
      bucket.tokens = Math.min(perSecond, bucket.tokens + ((nowMs - bucket.at) / 1000) * perSecond);
      bucket.at = nowMs;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
