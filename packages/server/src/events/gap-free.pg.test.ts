import { describe } from 'vitest';
import { openPostgres } from '../store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { gapFreeContract } from './gap-free.contract.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`gap-free event log on PostgreSQL (${pg.reason})`, () => {
  let drop: () => Promise<void> = async () => undefined;
  gapFreeContract('PostgreSQL', {
    async open(connections) {
      const tdb = await createTestDatabase();
      drop = tdb.drop;
      return openPostgres(tdb.url, connections);
    },
    async teardown(db) {
      await db.close();
      await drop();
    },
    writers: 24,
    readers: 4,
  });
});
