import { describe, expect, it } from 'vitest';
import { defaultView, savedQuery, saveQuery } from './list-query.ts';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
};

describe('the list the agent opens on', () => {
  it('is where new work is until the agent chooses: mine, else unassigned, else all', () => {
    expect(defaultView({ mine: 2, unassigned: 5 })).toBe('mine');
    expect(defaultView({ mine: 0, unassigned: 1 })).toBe('unassigned');
    expect(defaultView({ mine: 0, unassigned: 0 })).toBe('all');
  });

  it('is the last one chosen once there is one; a broken saved value counts as none', () => {
    const s = memory();
    expect(savedQuery(s)).toBeNull();
    saveQuery({ view: 'team', status: 'resolved' }, s);
    expect(savedQuery(s)).toEqual({ view: 'team', status: 'resolved' });
    s.setItem('parley:list-query', '{"view":"nonsense"}');
    expect(savedQuery(s)).toBeNull();
    s.setItem('parley:list-query', '{not json');
    expect(savedQuery(s)).toBeNull();
  });
});
