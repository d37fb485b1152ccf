import { describe, expect, it } from 'vitest';
import { createLoginLimiter, LOGIN_LIMITS } from './login-limiter.ts';

describe('the login limiter (in memory)', () => {
  it('stops one address guessing one account, and not the owner at another address', async () => {
    const l = createLoginLimiter(null, 'unit');
    for (let i = 0; i < LOGIN_LIMITS.perPair.points; i++) {
      expect(await l.admit('Owner@x.test', '203.0.113.9')).toBeNull();
      await l.failed('Owner@x.test', '203.0.113.9');
    }
    expect(await l.admit('owner@x.test', '203.0.113.9')).toBeGreaterThan(0);
    expect(await l.admit('owner@x.test', '198.51.100.7')).toBeNull();
  });

  it('a success clears the pair; the per-account ceiling stops an attack from many addresses', async () => {
    const l = createLoginLimiter(null, 'unit2');
    for (let i = 0; i < 5; i++) await l.failed('a@x.test', '10.0.0.1');
    await l.succeeded('a@x.test', '10.0.0.1');
    for (let i = 0; i < LOGIN_LIMITS.perPair.points - 1; i++) await l.failed('a@x.test', '10.0.0.1');
    expect(await l.admit('a@x.test', '10.0.0.1')).toBeNull();
    for (let i = 0; i < LOGIN_LIMITS.perAccount.points; i++)
      await l.failed('b@x.test', `10.1.${i >> 8}.${i & 255}`);
    expect(await l.admit('b@x.test', '10.9.9.9')).toBeGreaterThan(0);
  });

  it('every attempt counts per address, whatever the account', async () => {
    const l = createLoginLimiter(null, 'unit3');
    for (let i = 0; i < LOGIN_LIMITS.perAddress.points; i++)
      expect(await l.admit(`u${i}@x.test`, '10.2.2.2')).toBeNull();
    expect(await l.admit('fresh@x.test', '10.2.2.2')).toBeGreaterThan(0);
  });
});
