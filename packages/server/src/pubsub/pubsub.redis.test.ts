import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { redisAvailable, redisUrl } from '../test-support/services.ts';
import { pubsubContract } from './pubsub.contract.ts';
import { createRedisPubSub } from './redis.ts';

const available = await redisAvailable();
describe.skipIf(!available.ok)(`Redis pub/sub (${available.reason})`, () => {
  pubsubContract('Redis', async () => ({
    a: createRedisPubSub(new Redis(redisUrl()), new Redis(redisUrl())),
    b: createRedisPubSub(new Redis(redisUrl()), new Redis(redisUrl())),
  }));
});
