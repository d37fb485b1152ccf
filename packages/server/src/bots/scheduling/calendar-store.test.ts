import { openPglite } from '../../store/pglite.ts';
import { calendarStoreContract } from './calendar-store.contract.ts';

calendarStoreContract('PGlite', async () => ({ db: await openPglite(null) }));
