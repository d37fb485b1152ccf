import { outboundContract } from './outbound.contract.ts';

outboundContract('embedded (PGlite)', async () => ({}));
