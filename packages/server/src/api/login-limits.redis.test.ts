// In scale mode the login limits are counted in Redis: two API processes together allow what one
// allows, so adding processes does not multiply the guesses an attacker gets.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dropRedisPrefix,
  postgresAvailable,
  redisAvailable,
  redisUrl,
  uniqueName,
} from '../test-support/services.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

const pg = await postgresAvailable();
const redis = await redisAvailable();

describe.skipIf(!pg.ok || !redis.ok)(
  `login limits across processes${pg.ok && redis.ok ? '' : `: skipped, ${pg.ok ? redis.reason : pg.reason}`}`,
  () => {
    const servers: TestServer[] = [];
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const database = await createTestDatabase();
      const prefix = uniqueName('limits_');
      const env = {
        REDIS_URL: redisUrl(),
        PARLEY_QUEUE_PREFIX: prefix,
        PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
        WHATSAPP_APP_SECRET: randomBytes(16).toString('hex'),
        WHATSAPP_VERIFY_TOKEN: randomBytes(8).toString('hex'),
      };
      // One at a time: the first migrates and seeds the database, the second finds it ready.
      servers.push(await startTestServer({ databaseUrl: database.url, env }));
      servers.push(await startTestServer({ databaseUrl: database.url, env }));
      cleanup = async () => {
        for (const s of servers) await s.stop();
        await database.drop();
        await dropRedisPrefix(prefix);
      };
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('the 11th attempt on one account gets 429 even when the attempts are spread over two processes', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const server = servers[i % 2]!;
        const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: server.admin.email, password: `guess-${i}` }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    });
  },
);
