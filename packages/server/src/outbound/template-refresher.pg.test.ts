import { describe } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import { templateRefresherContract } from './template-refresher.contract.ts';

const pg = await postgresAvailable();

describe.skipIf(!pg.ok)(`template refresher on PostgreSQL (${pg.reason})`, () => {
  templateRefresherContract('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return { databaseUrl: db.url, drop: db.drop };
  });
});
