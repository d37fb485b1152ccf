import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { dropRedisPrefix, redisAvailable, redisUrl, uniqueName } from '../test-support/services.ts';
import type { IngestQueue } from './port.ts';
import { queueContract } from './queue.contract.ts';
import { createRedisQueue } from './redis.ts';

const redis = await redisAvailable();
describe.skipIf(!redis.ok)(`Redis-backed queue (${redis.reason})`, () => {
  queueContract('Redis streams', async () => {
    const prefix = uniqueName('pt');
    const names = new Map<IngestQueue, string>();
    const admin = new Redis(redisUrl());
    return {
      make: async (leaseMs) => {
        const name = `q${names.size}`;
        const q = await createRedisQueue({ url: redisUrl(), prefix, name, leaseMs });
        names.set(q, name);
        return q;
      },
      // Lease deadlines and lane delays are the scores of two sorted sets (redis.ts): move them back.
      async elapse(q, ms) {
        for (const set of ['ready', 'leased']) {
          const key = `{${prefix}:${names.get(q)}}:${set}`;
          const scored = await admin.zrange(key, 0, -1, 'WITHSCORES');
          for (let i = 0; i + 1 < scored.length; i += 2)
            await admin.zadd(key, 'XX', Number(scored[i + 1]) - ms, scored[i]!);
        }
      },
      teardown: async () => {
        admin.disconnect();
        await dropRedisPrefix(prefix);
      },
    };
  });
});
