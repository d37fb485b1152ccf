// Sight in scale mode: PostgreSQL, and Redis for queues and Socket.IO's adapter.
import { describe } from 'vitest';
import { scaleServicesAvailable, startScaleServer } from '../test-support/scale-mode.ts';
import { sightContract } from './sight.contract.ts';

const svc = await scaleServicesAvailable();

describe.skipIf(!svc.ok)(`sight (scale mode)${svc.ok ? '' : `: skipped, ${svc.reason}`}`, () => {
  sightContract(() => startScaleServer('sight_'));
});
