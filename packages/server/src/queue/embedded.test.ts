import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import { createSqlQueue } from './embedded.ts';
import { queueContract } from './queue.contract.ts';

queueContract('table on PGlite', async () => {
  const db: Db = await openPglite(null);
  await migrate(db);
  let n = 0;
  return {
    make: async (leaseMs) =>
      createSqlQueue({ db, name: `q${n++}`, pubsub: createInProcessPubSub(), leaseMs }),
    teardown: () => db.close(),
  };
});
