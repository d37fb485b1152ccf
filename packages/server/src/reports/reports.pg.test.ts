// Reports on PostgreSQL.
import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { reportsContract } from './reports.contract.ts';

const pg = await postgresAvailable();

describe.skipIf(!pg.ok)(`reports (PostgreSQL)${pg.ok ? '' : `: skipped, ${pg.reason}`}`, () => {
  reportsContract(async () => {
    const database = await createTestDatabase();
    const server = await startTestServer({ databaseUrl: database.url });
    return {
      server,
      close: async () => {
        await server.stop();
        await database.drop();
      },
    };
  });
});
