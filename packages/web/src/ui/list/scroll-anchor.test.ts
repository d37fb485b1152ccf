import { describe, expect, it } from 'vitest';
import { anchoredScrollTop } from './scroll-anchor.ts';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('list scroll anchoring', () => {
  it('keeps the first visible row in place when a row below moves to the top', () => {
    // Viewing from row "c" (index 2) with 10 px of it scrolled off; "e" gets a message.
    const before = rows('a', 'b', 'c', 'd', 'e');
    const after = rows('e', 'a', 'b', 'c', 'd');
    expect(anchoredScrollTop(before, after, 2 * 78 + 10, 78)).toBe(3 * 78 + 10);
  });

  it('leaves the list alone at the very top, so new activity shows', () => {
    expect(anchoredScrollTop(rows('a', 'b'), rows('b', 'a'), 0, 78)).toBeNull();
  });

  it('does not move when the order above the viewport is unchanged', () => {
    const before = rows('a', 'b', 'c', 'd');
    const after = rows('a', 'b', 'd', 'c');
    expect(anchoredScrollTop(before, after, 78, 78)).toBe(78);
  });

  it('gives up when the anchor row left the list', () => {
    expect(anchoredScrollTop(rows('a', 'b', 'c'), rows('a', 'c'), 78, 78)).toBeNull();
  });

  it('holds the rows under the pointer even at the top, pushing new activity above the view', () => {
    expect(anchoredScrollTop(rows('a', 'b', 'c'), rows('x', 'a', 'b', 'c'), 0, 78, true)).toBe(78);
  });
});
