// The tenant walls in scale mode: PostgreSQL for data, Redis for queues and Socket.IO's adapter,
// so the socket checks go through the Redis adapter too.
import { describe } from 'vitest';
import { scaleServicesAvailable, startScaleServer } from '../test-support/scale-mode.ts';
import { tenantWallsContract } from './tenant-walls.contract.ts';

const svc = await scaleServicesAvailable();

describe.skipIf(!svc.ok)(`tenant walls (scale mode)${svc.ok ? '' : `: skipped, ${svc.reason}`}`, () => {
  tenantWallsContract(() => startScaleServer('walls_'));
});
