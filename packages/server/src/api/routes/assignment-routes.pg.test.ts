import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../../test-support/services.ts';
import { startTestServer } from '../../test-support/test-server.ts';
import { assignmentRoutesContract } from './assignment-routes.contract.ts';

const pg = await postgresAvailable();
describe.skipIf(!pg.ok)(`assignment routes on PostgreSQL (${pg.reason})`, () => {
  let drop: (() => Promise<void>) | undefined;
  assignmentRoutesContract(
    'PostgreSQL',
    async () => {
      const tdb = await createTestDatabase();
      drop = tdb.drop;
      return startTestServer({ databaseUrl: tdb.url });
    },
    () => drop?.() ?? Promise.resolve(),
  );
});
