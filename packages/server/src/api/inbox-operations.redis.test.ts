// The inbox's operations and accounts in scale mode: PostgreSQL for data, Redis for queues and
// Socket.IO's adapter (the transfer test's live entry goes through it).
import { afterAll, beforeAll, describe } from 'vitest';
import { scaleModeFixture, scaleServicesAvailable } from '../test-support/scale-mode.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import { accountsContract } from './accounts.contract.ts';
import { inboxOperationsContract } from './inbox-operations.contract.ts';
import { realtimeAccessContract } from './realtime-access.contract.ts';

const svc = await scaleServicesAvailable();

describe.skipIf(!svc.ok)(
  `inbox operations and accounts (scale mode)${svc.ok ? '' : `: skipped, ${svc.reason}`}`,
  () => {
    let server: TestServer;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const fixture = await scaleModeFixture('ops_');
      server = await startTestServer({ databaseUrl: fixture.databaseUrl, env: fixture.env });
      close = async () => {
        await server.stop();
        await fixture.drop();
      };
    });
    afterAll(async () => {
      await close?.();
    });
    inboxOperationsContract(() => server);
    realtimeAccessContract(() => server);
    // Last: its login limits would refuse the other suite's logins for a minute.
    accountsContract(() => server);
  },
);
