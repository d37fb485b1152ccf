import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch.ts';

describe('mergePatch', () => {
  it('sets a present field and keeps an absent one', () => {
    expect(mergePatch({ a: 1, b: 2 }, { a: 3 })).toEqual({ a: 3, b: 2 });
  });

  it('clears a field set to null to null rather than removing it', () => {
    expect(mergePatch({ assigneeId: 'x', status: 'open' }, { assigneeId: null })).toEqual({
      assigneeId: null,
      status: 'open',
    });
  });

  it('treats an undefined field as absent', () => {
    expect(mergePatch({ a: 1 }, { a: undefined })).toEqual({ a: 1 });
  });

  it('merges nested objects field by field', () => {
    const target = { contact: { id: 'c1', name: 'Ann', phone: '1' } };
    expect(mergePatch(target, { contact: { name: 'Anne' } })).toEqual({
      contact: { id: 'c1', name: 'Anne', phone: '1' },
    });
  });

  it('creates a nested object where none was held', () => {
    expect(mergePatch({ a: null } as Record<string, unknown>, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it('replaces arrays whole', () => {
    expect(mergePatch({ labels: ['a', 'b'] }, { labels: ['c'] })).toEqual({ labels: ['c'] });
  });

  it('does not mutate its inputs', () => {
    const target = { n: { x: 1 }, l: [1] };
    const patch = { n: { y: 2 }, l: [2] };
    mergePatch(target, patch);
    expect(target).toEqual({ n: { x: 1 }, l: [1] });
    expect(patch).toEqual({ n: { y: 2 }, l: [2] });
  });

  it('returns the same object when nothing changes', () => {
    const target = { a: 1, n: { b: 2 }, l: ['x'] };
    expect(mergePatch(target, { a: 1, n: { b: 2 }, l: ['x'] })).toBe(target);
  });

  it('ignores a __proto__ key from the wire', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const out = mergePatch({}, patch) as Record<string, unknown>;
    expect(out['a']).toBe(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  const flat = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(fc.integer(), fc.constant(null)));
  it('is idempotent: applying a patch twice equals applying it once', () => {
    fc.assert(
      fc.property(flat, flat, (t, p) => {
        const once = mergePatch(t, p);
        expect(mergePatch(once, p)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('applies successive patches like their fold into one (for flat patches)', () => {
    fc.assert(
      fc.property(flat, flat, flat, (t, p, q) => {
        expect(mergePatch(mergePatch(t, p), q)).toEqual(mergePatch(t, { ...p, ...q }));
      }),
      { numRuns: 500 },
    );
  });
});
