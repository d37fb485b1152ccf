import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { dbContract } from './db.contract.ts';
import { openPostgres } from './postgres.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`PostgreSQL adapter (${pg.reason})`, () => {
  dbContract('PostgreSQL', async () => {
    const tdb = await createTestDatabase();
    return { db: await openPostgres(tdb.url), teardown: tdb.drop };
  });
});
