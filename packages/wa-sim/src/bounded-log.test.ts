import { describe, expect, it } from 'vitest';
import { appendBounded } from './bounded-log.ts';

describe('appendBounded', () => {
  it('keeps the newest entries up to the limit', () => {
    const list: number[] = [];
    for (let i = 1; i <= 5; i++) appendBounded(list, i, 3);
    expect(list).toEqual([3, 4, 5]);
  });
});
