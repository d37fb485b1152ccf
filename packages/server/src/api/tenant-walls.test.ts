// The tenant walls on the embedded default (PGlite in a temporary data folder).
import { describe } from 'vitest';
import { startTestServer } from '../test-support/test-server.ts';
import { tenantWallsContract } from './tenant-walls.contract.ts';

describe('tenant walls (embedded)', () => {
  tenantWallsContract(async () => {
    const server = await startTestServer();
    return { server, close: () => server.stop() };
  });
});
