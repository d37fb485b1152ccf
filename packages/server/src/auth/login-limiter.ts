// Login throttling after rate-limiter-flexible's login-endpoint pattern. Wrong passwords count per
// (account, address) pair and, more slowly, per account; every attempt counts per address. So an
// attacker guessing one owner's password from their own address is stopped after a few tries
// without locking the owner out: the owner logs in from another address, whose pair count is
// untouched. Only an attack from very many addresses reaches the account's slower ceiling.
// Counters live in memory (one process: the embedded default) or in Redis (scale mode), where
// every API process shares them; if Redis stops answering, an in-memory copy stands in.
import type { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export const LOGIN_LIMITS = {
  /** Every attempt from one address, whatever the account (one address trying many accounts). */
  perAddress: { points: 30, duration: 60 },
  /** Wrong passwords for one account from one address; a success clears it. */
  perPair: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Wrong passwords for one account from everywhere: the slow ceiling of a spread-out attack. */
  perAccount: { points: 100, duration: 60 * 60, blockDuration: 60 * 60 },
} as const satisfies Record<string, IRateLimiterOptions>;

export interface LoginLimiter {
  /** Before the password is checked: null to go on, else the seconds to wait. */
  admit(email: string, address: string): Promise<number | null>;
  failed(email: string, address: string): Promise<void>;
  succeeded(email: string, address: string): Promise<void>;
}

type Limiter = RateLimiterMemory | RateLimiterRedis;

function limiter(name: string, opts: IRateLimiterOptions, redis: Redis | null, prefix: string): Limiter {
  const keyPrefix = `${prefix}:login:${name}`;
  if (!redis) return new RateLimiterMemory({ ...opts, keyPrefix });
  return new RateLimiterRedis({
    ...opts,
    keyPrefix,
    storeClient: redis,
    insuranceLimiter: new RateLimiterMemory({ ...opts, keyPrefix }),
  });
}

const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Consumes points; a refusal is a value, a store error still throws. */
async function consume(l: Limiter, key: string): Promise<RateLimiterRes | null> {
  try {
    await l.consume(key);
    return null;
  } catch (err) {
    if (err instanceof RateLimiterRes) return err;
    throw err;
  }
}

export function createLoginLimiter(redis: Redis | null, prefix: string): LoginLimiter {
  const byAddress = limiter('address', LOGIN_LIMITS.perAddress, redis, prefix);
  const byPair = limiter('pair', LOGIN_LIMITS.perPair, redis, prefix);
  const byAccount = limiter('account', LOGIN_LIMITS.perAccount, redis, prefix);
  const account = (email: string) => email.trim().toLowerCase();
  const pair = (email: string, address: string) => `${account(email)}|${address}`;
  const exhausted = (res: RateLimiterRes | null, points: number) =>
    res !== null && res.consumedPoints >= points ? seconds(res) : null;

  return {
    async admit(email, address) {
      const refused = await consume(byAddress, address);
      if (refused) return seconds(refused);
      const [p, a] = await Promise.all([byPair.get(pair(email, address)), byAccount.get(account(email))]);
      return exhausted(p, LOGIN_LIMITS.perPair.points) ?? exhausted(a, LOGIN_LIMITS.perAccount.points);
    },
    async failed(email, address) {
      await Promise.all([consume(byPair, pair(email, address)), consume(byAccount, account(email))]);
    },
    async succeeded(email, address) {
      await byPair.delete(pair(email, address));
    },
  };
}
