// Convergence with whole pages and views recomputed at once (see convergence.ts).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { converges, propertyRuns } from './convergence.ts';

describe('convergence', () => {
  it('ends equal to the server for any history and delivery schedule', { timeout: 300_000 }, async () => {
    await fc.assert(converges({ pageSize: 100, lazyFrames: false }), { numRuns: propertyRuns(6_000) });
  });
});
