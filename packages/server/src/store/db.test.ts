import { dbContract } from './db.contract.ts';
import { openPglite } from './pglite.ts';

dbContract('PGlite', async () => ({ db: await openPglite(null) }));
