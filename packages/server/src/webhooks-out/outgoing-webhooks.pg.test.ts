// Outgoing webhooks on PostgreSQL.
import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { outgoingWebhooksContract } from './outgoing-webhooks.contract.ts';

const pg = await postgresAvailable();

describe.skipIf(!pg.ok)(`outgoing webhooks (PostgreSQL)${pg.ok ? '' : `: skipped, ${pg.reason}`}`, () => {
  outgoingWebhooksContract(async () => {
    const database = await createTestDatabase();
    const server = await startTestServer({
      databaseUrl: database.url,
      env: { PARLEY_WEBHOOKS_EVERY_MS: '0', PARLEY_FETCH_ALLOW: '127.0.0.1' },
    });
    return {
      server,
      close: async () => {
        await server.stop();
        await database.drop();
      },
    };
  });
});
