// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { draftStore } from './drafts.ts';

describe('drafts', () => {
  beforeEach(() => localStorage.clear());

  it('keeps a draft per conversation, across store instances (a reload)', () => {
    draftStore('agent-1').set('c1', 'Hello the');
    draftStore('agent-1').set('c2', 'Other');
    const after = draftStore('agent-1');
    expect(after.get('c1')).toBe('Hello the');
    expect(after.get('c2')).toBe('Other');
  });

  it('never shows one agent the drafts of another in the same browser', () => {
    draftStore('agent-1').set('c1', 'mine');
    expect(draftStore('agent-2').get('c1')).toBe('');
  });

  it('forgets a draft once it is emptied (sent)', () => {
    const d = draftStore('agent-1');
    d.set('c1', 'x');
    d.set('c1', '   ');
    expect(localStorage.length).toBe(0);
    expect(d.get('c1')).toBe('');
  });

  it('falls back to memory when storage refuses writes', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    } as unknown as Storage;
    const d = draftStore('agent-1', null);
    d.set('c1', 'kept in memory');
    expect(d.get('c1')).toBe('kept in memory');
    expect(() => draftStore('agent-1', full).set('c1', 'x')).not.toThrow();
  });
});
