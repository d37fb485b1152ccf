// The outbound suite in scale mode: PostgreSQL for data, Redis for the outbound queue and the
// per-number rate limit shared by worker processes.
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import {
  createTestDatabase,
  dropRedisPrefix,
  postgresAvailable,
  redisAvailable,
  redisEnv,
  uniqueName,
} from '../test-support/services.ts';
import { outboundContract } from './outbound.contract.ts';

const pg = await postgresAvailable();
const redis = await redisAvailable();

describe.skipIf(!pg.ok || !redis.ok)(`outbound in scale mode (${pg.ok ? redis.reason : pg.reason})`, () => {
  outboundContract('scale mode (PostgreSQL + Redis)', async () => {
    const db = await createTestDatabase();
    const prefix = uniqueName('out_');
    return {
      databaseUrl: db.url,
      env: {
        ...redisEnv(),
        PARLEY_QUEUE_PREFIX: prefix,
        PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
      },
      drop: async () => {
        await db.drop();
        await dropRedisPrefix(prefix);
      },
    };
  });
});
