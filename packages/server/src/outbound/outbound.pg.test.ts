import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { outboundContract } from './outbound.contract.ts';

const pg = await postgresAvailable();

describe.skipIf(!pg.ok)(`outbound on PostgreSQL (${pg.reason})`, () => {
  outboundContract('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return { databaseUrl: db.url, drop: db.drop };
  });
});
