// The followup outbox on PostgreSQL with Redis (scale mode), with a real worker process killed by
// SIGKILL between its batch's commit and its hooks.
import { describe } from 'vitest';
import { postgresAvailable, redisAvailable } from '../test-support/services.ts';
import { followupsSuite } from './followups.contract.ts';

const [pg, redis] = await Promise.all([postgresAvailable(), redisAvailable()]);
describe.skipIf(!pg.ok || !redis.ok)(`scale mode (${pg.reason}, ${redis.reason})`, () => {
  followupsSuite('scale', 'kill -9 of a worker process');
});
