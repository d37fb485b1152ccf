// CONTRACTS: the ack and ingest targets hold with Redis made durable for the run (AOF, fsync every
// second), as a queue in production runs it; the previous settings come back afterwards.
import { Redis } from 'ioredis';
import { redisUrl } from '../../packages/server/src/test-support/services.ts';

export async function withDurableRedis<T>(fn: () => Promise<T>): Promise<T> {
  const r = new Redis(redisUrl());
  const [, appendonly] = (await r.config('GET', 'appendonly')) as string[];
  const [, appendfsync] = (await r.config('GET', 'appendfsync')) as string[];
  try {
    await r.config('SET', 'appendfsync', 'everysec');
    await r.config('SET', 'appendonly', 'yes');
    // Turning AOF on starts a rewrite; measure once it is done.
    for (let i = 0; i < 200; i++) {
      const info = await r.info('persistence');
      if (/aof_rewrite_in_progress:0/.test(info) && /aof_enabled:1/.test(info)) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    return await fn();
  } finally {
    await r.config('SET', 'appendonly', appendonly ?? 'no');
    await r.config('SET', 'appendfsync', appendfsync ?? 'everysec');
    r.disconnect();
  }
}
