// The inbox's operations and accounts on the embedded default (PGlite in a temporary data folder).
import { afterAll, beforeAll, describe } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import { accountsContract } from './accounts.contract.ts';
import { inboxOperationsContract } from './inbox-operations.contract.ts';
import { realtimeAccessContract } from './realtime-access.contract.ts';

describe('inbox operations and accounts (embedded)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  inboxOperationsContract(() => server);
  realtimeAccessContract(() => server);
  // Last: its login limits would refuse the other suite's logins for a minute.
  accountsContract(() => server);
});
