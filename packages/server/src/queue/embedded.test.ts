import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import { queueContract } from './queue.contract.ts';
import { sqlQueueFixture } from './sql-queue.test-support.ts';

queueContract('table on PGlite', async () => {
  const db: Db = await openPglite(null);
  await migrate(db);
  return sqlQueueFixture(db, createInProcessPubSub(), () => db.close());
});
