import { openPglite } from '../store/pglite.ts';
import { assignmentContract } from './assignment.contract.ts';

assignmentContract('PGlite (embedded default)', async () => ({ db: await openPglite(null) }));
