// Convergence with pages of two rows (every list and thread is scrolled) and views recomputed only
// when a frame runs (see convergence.ts). A file of its own, so it runs beside the other property.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { converges, propertyRuns } from './convergence.ts';

describe('convergence, paged', () => {
  it('ends equal to the server with paged snapshots and frame-batched views', {
    timeout: 300_000,
  }, async () => {
    await fc.assert(converges({ pageSize: 2, lazyFrames: true }), { numRuns: propertyRuns(4_000) });
  });
});
