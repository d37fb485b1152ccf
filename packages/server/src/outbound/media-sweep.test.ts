import { mediaSweepContract } from './media-sweep.contract.ts';

mediaSweepContract('embedded (PGlite)', async () => ({}));
