import { describe } from 'vitest';
import { createPostgresPubSub } from '../pubsub/postgres.ts';
import { migrate } from '../store/migrate.ts';
import { openPostgres } from '../store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { queueContract } from './queue.contract.ts';
import { sqlQueueFixture } from './sql-queue.test-support.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`PostgreSQL-backed queue (${pg.reason})`, () => {
  queueContract('table on PostgreSQL', async () => {
    const tdb = await createTestDatabase();
    const db = await openPostgres(tdb.url);
    await migrate(db);
    const pubsub = createPostgresPubSub(tdb.url, db.pool);
    return sqlQueueFixture(db, pubsub, async () => {
      await pubsub.close();
      await db.close();
      await tdb.drop();
    });
  });
});
