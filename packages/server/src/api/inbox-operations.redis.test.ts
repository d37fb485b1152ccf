// The inbox's operations and accounts in scale mode: PostgreSQL for data, Redis for queues and
// Socket.IO's adapter (the transfer test's live entry goes through it).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  createTestDatabase,
  dropRedisPrefix,
  postgresAvailable,
  redisAvailable,
  redisUrl,
  uniqueName,
} from '../test-support/services.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import { accountsContract } from './accounts.contract.ts';
import { inboxOperationsContract } from './inbox-operations.contract.ts';
import { realtimeAccessContract } from './realtime-access.contract.ts';

const pg = await postgresAvailable();
const redis = await redisAvailable();

describe.skipIf(!pg.ok || !redis.ok)(
  `inbox operations and accounts (scale mode)${pg.ok && redis.ok ? '' : `: skipped, ${pg.ok ? redis.reason : pg.reason}`}`,
  () => {
    let server: TestServer;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const database = await createTestDatabase();
      const prefix = uniqueName('ops_');
      server = await startTestServer({
        databaseUrl: database.url,
        env: {
          REDIS_URL: redisUrl(),
          PARLEY_QUEUE_PREFIX: prefix,
          PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
          WHATSAPP_APP_SECRET: randomBytes(16).toString('hex'),
          WHATSAPP_VERIFY_TOKEN: randomBytes(8).toString('hex'),
        },
      });
      close = async () => {
        await server.stop();
        await database.drop();
        await dropRedisPrefix(prefix);
      };
    });
    afterAll(async () => {
      await close?.();
    });
    inboxOperationsContract(() => server);
    realtimeAccessContract(() => server);
    // Last: its login limits would refuse the other suite's logins for a minute.
    accountsContract(() => server);
  },
);
