// The inbox's operations and accounts on PostgreSQL.
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import { accountsContract } from './accounts.contract.ts';
import { inboxOperationsContract } from './inbox-operations.contract.ts';
import { realtimeAccessContract } from './realtime-access.contract.ts';

const pg = await postgresAvailable();

describe.skipIf(!pg.ok)(
  `inbox operations and accounts (PostgreSQL)${pg.ok ? '' : `: skipped, ${pg.reason}`}`,
  () => {
    let server: TestServer;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const database = await createTestDatabase();
      drop = database.drop;
      server = await startTestServer({ databaseUrl: database.url });
    });
    afterAll(async () => {
      await server?.stop();
      await drop?.();
    });
    inboxOperationsContract(() => server);
    realtimeAccessContract(() => server);
    // Last: its login limits would refuse the other suite's logins for a minute.
    accountsContract(() => server);
  },
);
