// The tenant keys on PostgreSQL.
import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { openPostgres } from './postgres.ts';
import { tenantKeysContract } from './tenant-keys.contract.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`tenant keys on PostgreSQL (${pg.reason})`, () => {
  tenantKeysContract('PostgreSQL', async () => {
    const tdb = await createTestDatabase();
    return { db: await openPostgres(tdb.url), teardown: tdb.drop };
  });
});
