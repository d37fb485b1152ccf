import { describe, expect, it } from 'vitest';
import { holdOrder } from './hold-order.ts';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('holding the list order under the pointer', () => {
  it('keeps the held order when a row moves to the top, and says there is news', () => {
    const r = holdOrder(['a', 'b', 'c'], rows('c', 'a', 'b'));
    expect(ids(r.shown)).toEqual(['a', 'b', 'c']);
    expect(r.waiting).toBe(1);
  });

  it('holds back a new conversation that would appear above', () => {
    const r = holdOrder(['a', 'b'], rows('n', 'a', 'b'));
    expect(ids(r.shown)).toEqual(['a', 'b']);
    expect(r.waiting).toBe(1);
  });

  it('appends older rows loaded below (scrolling), without counting them as news', () => {
    const r = holdOrder(['a', 'b'], rows('a', 'b', 'c', 'd'));
    expect(ids(r.shown)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.waiting).toBe(0);
  });

  it('shows the latest version of each held row and drops rows that left the list', () => {
    const a2 = { id: 'a', v: 2 };
    const r = holdOrder(['a', 'b', 'c'], [a2, { id: 'c' }]);
    expect(r.shown[0]).toBe(a2);
    expect(ids(r.shown)).toEqual(['a', 'c']);
    expect(r.waiting).toBe(0);
  });
});
