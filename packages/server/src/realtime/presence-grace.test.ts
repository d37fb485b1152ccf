import { describe } from 'vitest';
import { graceStoreContract } from './presence-grace.contract.ts';
import { createInProcessGraceStore } from './presence-grace.ts';

describe('grace store (in process)', () => {
  graceStoreContract(createInProcessGraceStore);
});
