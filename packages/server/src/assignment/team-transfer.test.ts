import { openPglite } from '../store/pglite.ts';
import { teamTransferContract } from './team-transfer.contract.ts';

teamTransferContract('PGlite (embedded default)', async () => ({ db: await openPglite(null) }));
