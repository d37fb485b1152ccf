import { describe } from 'vitest';
import { dropRedisPrefix, redisAvailable, redisUrl, uniqueName } from '../test-support/services.ts';
import { queueContract } from './queue.contract.ts';
import { createRedisQueue } from './redis.ts';

const redis = await redisAvailable();
describe.skipIf(!redis.ok)(`Redis-backed queue (${redis.reason})`, () => {
  queueContract('Redis streams', async () => {
    const prefix = uniqueName('pt');
    let n = 0;
    return {
      make: (leaseMs) => createRedisQueue({ url: redisUrl(), prefix, name: `q${n++}`, leaseMs }),
      teardown: () => dropRedisPrefix(prefix),
    };
  });
});
