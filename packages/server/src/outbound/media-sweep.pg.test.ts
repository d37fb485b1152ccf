import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { mediaSweepContract } from './media-sweep.contract.ts';

const pg = await postgresAvailable();

describe.skipIf(!pg.ok)(`media sweep on PostgreSQL (${pg.reason})`, () => {
  mediaSweepContract('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return { databaseUrl: db.url, drop: db.drop };
  });
});
