// The migration runner on the embedded default (PGlite in memory).
import { migrateContract } from './migrate.contract.ts';
import { openPglite } from './pglite.ts';

migrateContract('PGlite', async () => ({ db: await openPglite(null) }));
