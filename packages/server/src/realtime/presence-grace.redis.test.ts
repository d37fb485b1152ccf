import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { dropRedisPrefix, redisAvailable, redisUrl, uniqueName } from '../test-support/services.ts';
import { graceStoreContract } from './presence-grace.contract.ts';
import { createRedisGraceStore, type GraceStore } from './presence-grace.ts';

const redis = await redisAvailable();

describe.skipIf(!redis.ok)(`grace store (${redis.reason})`, () => {
  const prefix = uniqueName('grace');
  let client: Redis;
  let store: GraceStore;
  beforeAll(() => {
    client = new Redis(redisUrl());
    store = createRedisGraceStore(client, prefix);
  });
  afterAll(async () => {
    client.disconnect();
    await dropRedisPrefix(prefix);
  });
  graceStoreContract(() => store);
});
