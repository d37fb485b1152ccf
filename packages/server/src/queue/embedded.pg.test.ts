import { describe } from 'vitest';
import { createPostgresPubSub } from '../pubsub/postgres.ts';
import { migrate } from '../store/migrate.ts';
import { openPostgres } from '../store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { createSqlQueue } from './embedded.ts';
import { queueContract } from './queue.contract.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`PostgreSQL-backed queue (${pg.reason})`, () => {
  queueContract('table on PostgreSQL', async () => {
    const tdb = await createTestDatabase();
    const db = await openPostgres(tdb.url);
    await migrate(db);
    const pubsub = createPostgresPubSub(tdb.url, db.pool);
    let n = 0;
    return {
      make: async (leaseMs) => createSqlQueue({ db, name: `q${n++}`, pubsub, leaseMs }),
      teardown: async () => {
        await pubsub.close();
        await db.close();
        await tdb.drop();
      },
    };
  });
});
