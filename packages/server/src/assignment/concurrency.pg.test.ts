import { describe } from 'vitest';
import { openPostgres } from '../store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { concurrencyContract } from './concurrency.contract.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`assignment concurrency on PostgreSQL (${pg.reason})`, () => {
  // Three pools stand for three worker processes, each with several connections.
  concurrencyContract('PostgreSQL, three pools', async () => {
    const tdb = await createTestDatabase();
    const dbs = [
      await openPostgres(tdb.url, 8),
      await openPostgres(tdb.url, 8),
      await openPostgres(tdb.url, 8),
    ];
    return { dbs, teardown: tdb.drop };
  });
});
