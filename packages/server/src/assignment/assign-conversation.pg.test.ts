import { describe } from 'vitest';
import { openPostgres } from '../store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { assignmentContract } from './assignment.contract.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`assignment on PostgreSQL (${pg.reason})`, () => {
  assignmentContract('PostgreSQL', async () => {
    const tdb = await createTestDatabase();
    return { db: await openPostgres(tdb.url), teardown: tdb.drop };
  });
});
