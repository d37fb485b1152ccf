// The tenant walls in scale mode: PostgreSQL for data, Redis for queues and Socket.IO's adapter,
// so the socket checks go through the Redis adapter too.
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import {
  createTestDatabase,
  dropRedisPrefix,
  postgresAvailable,
  redisAvailable,
  redisUrl,
  uniqueName,
} from '../test-support/services.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { tenantWallsContract } from './tenant-walls.contract.ts';

const pg = await postgresAvailable();
const redis = await redisAvailable();

describe.skipIf(!pg.ok || !redis.ok)(
  `tenant walls (scale mode)${pg.ok && redis.ok ? '' : `: skipped, ${pg.ok ? redis.reason : pg.reason}`}`,
  () => {
    tenantWallsContract(async () => {
      const database = await createTestDatabase();
      const prefix = uniqueName('walls_');
      const server = await startTestServer({
        databaseUrl: database.url,
        env: {
          REDIS_URL: redisUrl(),
          PARLEY_QUEUE_PREFIX: prefix,
          PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
          WHATSAPP_APP_SECRET: randomBytes(16).toString('hex'),
          WHATSAPP_VERIFY_TOKEN: randomBytes(8).toString('hex'),
        },
      });
      return {
        server,
        close: async () => {
          await server.stop();
          await database.drop();
          await dropRedisPrefix(prefix);
        },
      };
    });
  },
);
