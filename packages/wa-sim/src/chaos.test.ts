import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelay } from './backoff.ts';
import { planPosts } from './chaos.ts';
import type { AddressedChange } from './payload-builders.ts';
import { seededRandom } from './rng.ts';

const change = (n: number): AddressedChange => ({
  wabaId: String(n),
  change: {
    field: 'message_template_status_update',
    value: {
      event: 'APPROVED',
      message_template_id: n,
      message_template_name: 't',
      message_template_language: 'en',
      reason: 'NONE',
    },
  },
});

describe('planPosts', () => {
  it('never loses an event and never sends a copy before its original', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (n, batchSize, shuffle, duplicateRate, seed) => {
          const changes = Array.from({ length: n }, (_, i) => change(i));
          const plan = planPosts(changes, { batchSize, shuffle, duplicateRate }, seededRandom(seed));
          const originals = plan.filter((p) => !p.duplicate);
          expect(originals.flatMap((p) => p.changes).length).toBe(n);
          expect(new Set(originals.flatMap((p) => p.changes)).size).toBe(n);
          for (const [i, post] of plan.entries()) {
            expect(post.changes.length).toBeLessThanOrEqual(batchSize);
            if (post.duplicate)
              expect(plan.slice(0, i).some((p) => !p.duplicate && p.changes === post.changes)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('retryDelay', () => {
  it('grows with each failure up to the cap', () => {
    const policy = { ...DEFAULT_RETRY, baseMs: 100, factor: 2, maxDelayMs: 1000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, policy, () => 0))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('adds at most the jitter share', () => {
    const policy = { ...DEFAULT_RETRY, baseMs: 100, jitter: 0.2 };
    expect(retryDelay(1, policy, () => 0.999)).toBeLessThanOrEqual(120);
  });
});
