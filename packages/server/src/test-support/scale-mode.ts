// What a scale-mode test server needs (PostgreSQL and Redis): whether both answer, and a fresh
// database, Redis key prefix and secrets that are dropped together afterwards.
import { randomBytes } from 'node:crypto';
import {
  type Availability,
  createTestDatabase,
  dropRedisPrefix,
  postgresAvailable,
  redisAvailable,
  redisEnv,
  uniqueName,
} from './services.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** Both services, with the reason of the first one missing. */
export async function scaleServicesAvailable(): Promise<Availability> {
  const pg = await postgresAvailable();
  if (!pg.ok) return pg;
  return redisAvailable();
}

export interface ScaleModeFixture {
  databaseUrl: string;
  /** The environment of a scale-mode process: Redis, the prefix and fresh secrets. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function scaleModeFixture(prefixName: string): Promise<ScaleModeFixture> {
  const database = await createTestDatabase();
  const prefix = uniqueName(prefixName);
  return {
    databaseUrl: database.url,
    env: {
      ...redisEnv(),
      PARLEY_QUEUE_PREFIX: prefix,
      PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
      WHATSAPP_APP_SECRET: randomBytes(16).toString('hex'),
      WHATSAPP_VERIFY_TOKEN: randomBytes(8).toString('hex'),
    },
    async drop() {
      await database.drop();
      await dropRedisPrefix(prefix);
    },
  };
}

/** A whole server in scale mode on its own database and prefix, for contract suites. */
export async function startScaleServer(
  prefixName: string,
): Promise<{ server: TestServer; close: () => Promise<void> }> {
  const fixture = await scaleModeFixture(prefixName);
  const server = await startTestServer({ databaseUrl: fixture.databaseUrl, env: fixture.env });
  return {
    server,
    close: async () => {
      await server.stop();
      await fixture.drop();
    },
  };
}
