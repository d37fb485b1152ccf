// Items that cannot be used or stored, in scale mode: PostgreSQL and Redis.
import { describe } from 'vitest';
import { postgresAvailable, redisAvailable } from '../test-support/services.ts';
import { itemFaultsSuite } from './item-faults.contract.ts';

const [pg, redis] = await Promise.all([postgresAvailable(), redisAvailable()]);
describe.skipIf(!pg.ok || !redis.ok)(`scale mode (${pg.reason}, ${redis.reason})`, () => {
  itemFaultsSuite('scale');
});
