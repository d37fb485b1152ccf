import { describe } from 'vitest';
import { openPostgres } from '../store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { teamTransferContract } from './team-transfer.contract.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`transfer to a team on PostgreSQL (${pg.reason})`, () => {
  teamTransferContract('PostgreSQL', async () => {
    const tdb = await createTestDatabase();
    return { db: await openPostgres(tdb.url), teardown: tdb.drop };
  });
});
