// Opens the database, queue and pub/sub that the configuration selects (CONTRACTS "Modes"), with
// one clear sentence for each thing that cannot be reached.
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { PubSub } from '../pubsub/port.ts';
import { createPostgresPubSub } from '../pubsub/postgres.ts';
import { createRedisPubSub } from '../pubsub/redis.ts';
import { createSqlQueue } from '../queue/embedded.ts';
import { INGEST_LEASE_MS, type IngestQueue } from '../queue/port.ts';
import { createRedisQueue } from '../queue/redis.ts';
import { lockDataDir } from '../store/data-lock.ts';
import type { Db } from '../store/db.ts';
import { judgeDurability, parseDurability } from './redis-durability.ts';
import { StartupError } from './startup-error.ts';

export { StartupError };

export interface Backends {
  db: Db;
  queue: IngestQueue;
  outbound: IngestQueue;
  /** Bot turns (lanes per tenant), apart from ingestion so a slow bot never delays it. */
  bots: IngestQueue;
  pubsub: PubSub;
  close(): Promise<void>;
}

type Queues = Pick<Backends, 'queue' | 'outbound' | 'bots'>;

const sqlQueues = (db: Db, pubsub: PubSub, prefix: string): Queues => ({
  queue: createSqlQueue({ db, name: `${prefix}_ingest`, pubsub, leaseMs: INGEST_LEASE_MS }),
  outbound: createSqlQueue({ db, name: `${prefix}_outbound`, pubsub }),
  bots: createSqlQueue({ db, name: `${prefix}_bots`, pubsub }),
});

const closeQueues = async (q: Queues) => {
  await q.queue.close();
  await q.outbound.close();
  await q.bots.close();
};

const redact = (url: string) => url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms).unref(),
    ),
  ]).catch((err: unknown) => {
    throw new StartupError(`${what}: ${(err as Error).message}`);
  });

export async function openBackends(config: Config, log: Logger): Promise<Backends> {
  const prefix = config.PARLEY_QUEUE_PREFIX;
  if (config.mode === 'embedded') {
    const unlock = lockDataDir(config.PARLEY_DATA_DIR);
    try {
      // Loaded here, not at the top: PGlite's WebAssembly is only for the embedded mode.
      const { openPglite } = await import('../store/pglite.ts');
      const db = await openPglite(join(config.PARLEY_DATA_DIR, 'pgdata'));
      const pubsub = createInProcessPubSub();
      const queues = sqlQueues(db, pubsub, prefix);
      return {
        db,
        ...queues,
        pubsub,
        async close() {
          await closeQueues(queues);
          await db.close();
          unlock();
        },
      };
    } catch (err) {
      unlock();
      throw err;
    }
  }

  const url = config.DATABASE_URL!;
  const { openPostgres } = await import('../store/postgres.ts');
  const db = await withTimeout(
    openPostgres(url, {
      onConnectionError: (err) =>
        log.warn({ err: err.message }, 'database connection lost; the pool replaces it'),
    }),
    10_000,
    `cannot reach PostgreSQL at DATABASE_URL=${redact(url)}`,
  );
  if (config.mode === 'postgres') {
    const pubsub = createPostgresPubSub(url, db.pool, log);
    const queues = sqlQueues(db, pubsub, prefix);
    return {
      db,
      ...queues,
      pubsub,
      async close() {
        await closeQueues(queues);
        await pubsub.close();
        await db.close();
      },
    };
  }

  const redisUrl = config.REDIS_URL!;
  const what = `cannot reach Redis at REDIS_URL=${redact(redisUrl)}`;
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });
  try {
    await withTimeout(probe.connect(), 6000, what);
    const info = `${await probe.info('persistence')}\n${await probe.info('memory')}`;
    const verdict = judgeDurability(parseDurability(info), config.PARLEY_REDIS_ALLOW_DATA_LOSS);
    if (!verdict.ok) throw new StartupError(`Redis at REDIS_URL=${redact(redisUrl)}: ${verdict.message}`);
    if (verdict.message) log.error({ redis: redact(redisUrl) }, verdict.message);
  } catch (err) {
    await db.close();
    throw err instanceof StartupError ? err : new StartupError(`${what}: ${(err as Error).message}`);
  } finally {
    probe.disconnect();
  }
  const redisQueue = (name: string, leaseMs?: number) =>
    withTimeout(createRedisQueue({ url: redisUrl, prefix, name, leaseMs }), 6000, what);
  const queues: Queues = {
    queue: await redisQueue('ingest', INGEST_LEASE_MS),
    outbound: await redisQueue('outbound'),
    bots: await redisQueue('bots'),
  };
  const pubsub = createRedisPubSub(
    new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
    new Redis(redisUrl),
    log,
  );
  return {
    db,
    ...queues,
    pubsub,
    async close() {
      await closeQueues(queues);
      await pubsub.close();
      await db.close();
    },
  };
}
