// The tenant keys on the embedded default (PGlite in memory).
import { openPglite } from './pglite.ts';
import { tenantKeysContract } from './tenant-keys.contract.ts';

tenantKeysContract('PGlite', async () => ({ db: await openPglite(null) }));
