// The inbox's operations on PostgreSQL.
import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { inboxOperationsContract } from './inbox-operations.contract.ts';

const pg = await postgresAvailable();

describe.skipIf(!pg.ok)(`inbox operations (PostgreSQL)${pg.ok ? '' : `: skipped, ${pg.reason}`}`, () => {
  inboxOperationsContract(async () => {
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
