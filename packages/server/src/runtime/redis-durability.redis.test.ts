// Scale mode on a Redis of the test's own: refused without AOF or with an evicting policy, started
// with the explicit override (logged at error level), and started on a durable Redis.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.ts';
import { createLogger } from '../log/logger.ts';
import { type PrivateRedis, startPrivateRedis } from '../test-support/private-redis.ts';
import { scaleServicesAvailable } from '../test-support/scale-mode.ts';
import { createTestDatabase } from '../test-support/services.ts';
import { openBackends, StartupError } from './open-backends.ts';

const svc = await scaleServicesAvailable();

describe.skipIf(!svc.ok)(`Redis durability at start${svc.ok ? '' : `: skipped, ${svc.reason}`}`, () => {
  let database: { url: string; drop: () => Promise<void> };
  const redises: PrivateRedis[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const r of redises) await r.stop();
    await database?.drop();
  });

  const configFor = (redis: PrivateRedis, extra: Record<string, string> = {}) =>
    loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
      WHATSAPP_APP_SECRET: 'x',
      WHATSAPP_VERIFY_TOKEN: 'y',
      PARLEY_LOG_LEVEL: 'silent',
      ...extra,
    });
  const redisWith = async (opts: Parameters<typeof startPrivateRedis>[0]) => {
    const r = await startPrivateRedis(opts);
    redises.push(r);
    return r;
  };
  const logged: { level: string; msg: string }[] = [];
  const log = Object.assign(createLogger('silent'), {
    error: (_o: unknown, msg: string) => logged.push({ level: 'error', msg }),
  }) as ReturnType<typeof createLogger>;

  it('refuses a Redis without AOF, naming the setting and the override', async () => {
    const r = await redisWith({ appendonly: false });
    const opened = openBackends(configFor(r), log);
    await expect(opened).rejects.toBeInstanceOf(StartupError);
    await expect(opened).rejects.toThrow(/appendonly no.*PARLEY_REDIS_ALLOW_DATA_LOSS=true/s);
  });

  it('refuses a Redis that evicts keys under memory pressure', async () => {
    const r = await redisWith({ appendonly: true, maxmemoryPolicy: 'allkeys-lru' });
    await expect(openBackends(configFor(r), log)).rejects.toThrow(/allkeys-lru.*noeviction/);
  });

  it('runs on a volatile Redis when told to, and logs it at error level', async () => {
    const r = await redisWith({ appendonly: false });
    const backends = await openBackends(configFor(r, { PARLEY_REDIS_ALLOW_DATA_LOSS: 'true' }), log);
    await backends.close();
    expect(logged.at(-1)?.msg).toMatch(/^REDIS CAN LOSE ACKNOWLEDGED JOBS.*appendonly no/);
  });

  it('runs on a Redis with AOF and noeviction, saying nothing', async () => {
    const r = await redisWith({ appendonly: true });
    const before = logged.length;
    const backends = await openBackends(configFor(r), log);
    await backends.queue.append([{ lane: 'l', payload: 'kept' }]);
    await backends.close();
    expect(logged).toHaveLength(before);
  });
});
