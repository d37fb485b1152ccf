// The migration runner on PostgreSQL.
import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { migrateContract } from './migrate.contract.ts';
import { openPostgres } from './postgres.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`migrations on PostgreSQL (${pg.reason})`, () => {
  migrateContract(
    'PostgreSQL',
    async () => {
      const tdb = await createTestDatabase();
      return { db: await openPostgres(tdb.url), teardown: tdb.drop, another: () => openPostgres(tdb.url) };
    },
    true,
  );
});
