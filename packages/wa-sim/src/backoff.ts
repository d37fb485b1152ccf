import type { Random } from './rng.ts';

// Meta retries a webhook that fails (non-2xx or no answer) with decreasing frequency for up to
// seven days. The simulator keeps the shape (exponential, capped, jittered) with a short base so
// that tests and demos see retries within seconds; the base is injectable so tests need no timers.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseMs: number;
  factor: number;
  maxDelayMs: number;
  /** Up to this share is added at random, so that many failed deliveries do not retry in lockstep. */
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 8,
  baseMs: 500,
  factor: 2,
  maxDelayMs: 60_000,
  jitter: 0.2,
};

/** Delay before the next try, after `failedAttempts` failures (1 for the first failure). */
export function retryDelay(failedAttempts: number, policy: RetryPolicy, random: Random): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseMs * policy.factor ** Math.max(0, failedAttempts - 1));
  return Math.round(raw * (1 + policy.jitter * random()));
}
