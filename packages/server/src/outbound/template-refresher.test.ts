import { templateRefresherContract } from './template-refresher.contract.ts';

templateRefresherContract('embedded (PGlite)', async () => ({}));
