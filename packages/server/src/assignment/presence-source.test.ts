import { expect, it } from 'vitest';
import type { PresenceStatus } from './policy.ts';
import { cachedPresence } from './presence-source.ts';

it('asks live presence once per tenant within the time to live, and again after it', async () => {
  let asked = 0;
  let t = 0;
  const source = {
    presenceOf: async () => {
      asked++;
      return new Map<string, PresenceStatus>([['a', asked === 1 ? 'online' : 'offline']]);
    },
  };
  const cached = cachedPresence(source, 2000, () => t);
  expect((await cached.presenceOf('t1')).get('a')).toBe('online');
  t = 1999;
  expect((await cached.presenceOf('t1')).get('a')).toBe('online');
  expect(asked).toBe(1);
  t = 2000;
  expect((await cached.presenceOf('t1')).get('a')).toBe('offline');
  expect(asked).toBe(2);
});

it('does not keep a failed answer', async () => {
  let fail = true;
  const cached = cachedPresence(
    {
      presenceOf: async () => {
        if (fail) throw new Error('adapter timeout');
        return new Map<string, PresenceStatus>();
      },
    },
    60_000,
  );
  await expect(cached.presenceOf('t1')).rejects.toThrow('adapter timeout');
  fail = false;
  await expect(cached.presenceOf('t1')).resolves.toEqual(new Map());
});
