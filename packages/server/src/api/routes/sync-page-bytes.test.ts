import { describe, expect, it } from 'vitest';
import { takeWithinBytes } from './sync-routes.ts';

describe('a sync page capped by bytes', () => {
  it('ends before the entry that would pass the cap, and always carries at least one entry', () => {
    const big = (n: number) => ({ seq: n, data: 'x'.repeat(400) });
    const items = [big(1), big(2), big(3), big(4)];
    expect(takeWithinBytes(items, 1000).map((e) => e.seq)).toEqual([1, 2]);
    expect(takeWithinBytes(items, 10).map((e) => e.seq)).toEqual([1]);
    expect(takeWithinBytes(items, 1_000_000)).toHaveLength(4);
    expect(takeWithinBytes([], 10)).toEqual([]);
  });
});
