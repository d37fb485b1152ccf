import { describe } from 'vitest';
import { openPostgres } from '../../store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../../test-support/services.ts';
import { calendarStoreContract } from './calendar-store.contract.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`scheduling on PostgreSQL (${pg.reason})`, () => {
  calendarStoreContract('PostgreSQL', async () => {
    const tdb = await createTestDatabase();
    return { db: await openPostgres(tdb.url), teardown: tdb.drop };
  });
});
