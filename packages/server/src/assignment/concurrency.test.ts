import { openPglite } from '../store/pglite.ts';
import { concurrencyContract } from './concurrency.contract.ts';

// The embedded default has one connection: transactions queue, and the same suite must hold.
concurrencyContract('PGlite (embedded default)', async () => ({ dbs: [await openPglite(null)] }));
