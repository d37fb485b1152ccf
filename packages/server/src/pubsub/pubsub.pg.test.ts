import pg from 'pg';
import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { createPostgresPubSub } from './postgres.ts';
import { pubsubContract } from './pubsub.contract.ts';

const available = await postgresAvailable();
describe.skipIf(!available.ok)(`PostgreSQL pub/sub (${available.reason})`, () => {
  pubsubContract('LISTEN/NOTIFY', async () => {
    const tdb = await createTestDatabase();
    const poolA = new pg.Pool({ connectionString: tdb.url });
    const poolB = new pg.Pool({ connectionString: tdb.url });
    return {
      a: createPostgresPubSub(tdb.url, poolA),
      b: createPostgresPubSub(tdb.url, poolB),
      teardown: async () => {
        await poolA.end();
        await poolB.end();
        await tdb.drop();
      },
    };
  });
});
