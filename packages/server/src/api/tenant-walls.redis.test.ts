// The tenant walls in scale mode: PostgreSQL for data, Redis for queues and Socket.IO's adapter,
// so the socket checks go through the Redis adapter too.
import { describe } from 'vitest';
import { scaleModeFixture, scaleServicesAvailable } from '../test-support/scale-mode.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { tenantWallsContract } from './tenant-walls.contract.ts';

const svc = await scaleServicesAvailable();

describe.skipIf(!svc.ok)(`tenant walls (scale mode)${svc.ok ? '' : `: skipped, ${svc.reason}`}`, () => {
  tenantWallsContract(async () => {
    const fixture = await scaleModeFixture('walls_');
    const server = await startTestServer({ databaseUrl: fixture.databaseUrl, env: fixture.env });
    return {
      server,
      close: async () => {
        await server.stop();
        await fixture.drop();
      },
    };
  });
});
