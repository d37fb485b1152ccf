import { itemFaultsSuite } from './item-faults.contract.ts';

itemFaultsSuite('embedded');
