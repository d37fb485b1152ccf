import { describe } from 'vitest';
import { openPglite } from '../store/pglite.ts';
import { gapFreeContract } from './gap-free.contract.ts';

// PGlite runs one transaction at a time, so writers queue; the readers still interleave with them.
describe('gap-free event log on PGlite', () => {
  gapFreeContract('PGlite', {
    open: () => openPglite(null),
    teardown: (db) => db.close(),
    writers: 12,
    readers: 3,
  });
});
