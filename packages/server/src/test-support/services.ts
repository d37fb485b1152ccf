// Finds the PostgreSQL and Redis that service-backed tests use, and isolates each run: a database
// of its own per suite, a key prefix of its own. Absent services skip their suites with the reason,
// unless PARLEY_REQUIRE_SERVICES=1 (CI), where absence fails the run.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

export const REQUIRE_SERVICES = process.env.PARLEY_REQUIRE_SERVICES === '1';
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Availability {
  ok: boolean;
  reason: string;
}

const fail = (what: string, err: unknown): Availability => {
  const reason = `${what} not reachable (${(err as Error).message})`;
  if (REQUIRE_SERVICES) throw new Error(`${reason}, and PARLEY_REQUIRE_SERVICES=1 makes it mandatory`);
  return { ok: false, reason };
};

export async function postgresAvailable(): Promise<Availability> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return { ok: true, reason: 'PostgreSQL' };
  } catch (err) {
    return fail(`PostgreSQL at ${PG_URL}`, err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function redisAvailable(): Promise<Availability> {
  const r = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    await r.ping();
    return { ok: true, reason: 'Redis' };
  } catch (err) {
    return fail(`Redis at ${REDIS_URL}`, err);
  } finally {
    r.disconnect();
  }
}

export const uniqueName = (prefix = 't'): string =>
  `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** A fresh database for one suite; drop() removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName('parley_test_');
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const redisUrl = (): string => REDIS_URL;

/**
 * The environment a scale-mode process of a test needs for the shared Redis. That Redis may run
 * without AOF (CI's does not, and tests share it), and these tests are not about its persistence:
 * the explicit override lets Parley start on it (it logs that it does). Tests about persistence
 * start a Redis of their own (private-redis.ts).
 */
export const redisEnv = (): { REDIS_URL: string; PARLEY_REDIS_ALLOW_DATA_LOSS: string } => ({
  REDIS_URL,
  PARLEY_REDIS_ALLOW_DATA_LOSS: 'true',
});

/** Deletes every key of a test prefix (SCAN, never KEYS). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await r.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  r.disconnect();
}
