import { followupsSuite } from './followups.contract.ts';

followupsSuite('embedded', 'a worker frozen after commit');
