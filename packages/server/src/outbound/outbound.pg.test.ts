import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { outboundContract } from './outbound.contract.ts';

const pg = await postgresAvailable();

if (pg.ok) {
  outboundContract('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return { databaseUrl: db.url, drop: db.drop };
  });
} else {
  describe.skip(`outbound on PostgreSQL — skipped: ${pg.reason}`, () => {});
}
