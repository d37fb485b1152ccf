// The ingest path on a free port for tests and benchmarks: the gateway on its own HTTP server and,
// when asked, ingest workers, wired by the same openBackends() as `parley` (the embedded default in
// a temporary data folder, or scale mode on PostgreSQL and Redis). Unlike startTestServer() it lets
// a test start and stop workers, give them hooks, and swap the queue the gateway appends to.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { addChannel, createTenant } from '../admin/accounts.ts';
import type { AppContext } from '../app-context.ts';
import { createFolderBlobStore } from '../blob/local-folder.ts';
import { loadConfig } from '../config/env.ts';
import type { PersistHook } from '../hooks/persist-hook.ts';
import { createIngestWorker } from '../ingest/ingest-worker.ts';
import { createMetrics } from '../metrics/registry.ts';
import type { IngestQueue } from '../queue/port.ts';
import { openBackends } from '../runtime/open-backends.ts';
import { seedFirstRun } from '../seed/first-run.ts';
import type { Service } from '../services/service.ts';
import { migrate } from '../store/migrate.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { createChannelDirectory } from '../webhook/channel-directory.ts';
import { createGateway } from '../webhook/gateway.ts';
import { signBody } from '../webhook/verify-signature.ts';
import { eventually } from './eventually.ts';
import { createTestDatabase, dropRedisPrefix, redisEnv, uniqueName } from './services.ts';

export interface WorkerOptions {
  concurrency?: number;
  batchSize?: number;
  maxAttempts?: number;
  hooks?: PersistHook[];
  followupLeaseMs?: number;
  followupSweepMs?: number;
}

export interface IngestHarnessOptions {
  mode: 'embedded' | 'scale';
  /** Start workers at once (default) or not (false: call startWorker()). */
  worker?: WorkerOptions | false;
  /** Wraps the queue the gateway appends to (to make it fail, for instance). */
  gatewayQueue?: (queue: IngestQueue) => IngestQueue;
  maxBytes?: number;
}

export interface PostResult {
  status: number;
  body: string;
}

export interface IngestHarness {
  url: string;
  ctx: AppContext;
  tenantId: string;
  channelId: string;
  appSecret: string;
  /** The environment a `parley` child process needs to join this harness (scale mode). */
  env: Record<string, string>;
  /** Signs (unless `signature` is given, null for none) and POSTs to the webhook. */
  post(
    payload: unknown,
    opts?: { signature?: string | null; path?: string; secret?: string },
  ): Promise<PostResult>;
  /** A tenant with one channel; appSecret/verifyToken give the channel its own webhook URL. */
  addTenant(
    name: string,
    phoneNumberId: string,
    secrets?: { appSecret?: string; verifyToken?: string },
  ): Promise<{ tenantId: string; channelId: string }>;
  startWorker(opts?: WorkerOptions): Promise<void>;
  stopWorker(): Promise<void>;
  /** Polls until `check` is true, failing with `what` after timeoutMs. */
  waitFor(check: () => Promise<boolean>, what: string, timeoutMs?: number): Promise<void>;
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export async function startIngestHarness(opts: IngestHarnessOptions): Promise<IngestHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-ingest-'));
  const appSecret = randomBytes(16).toString('hex');
  const prefix = uniqueName('ing');
  const database = opts.mode === 'scale' ? await createTestDatabase() : null;
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_QUEUE_PREFIX: prefix,
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'verify-me',
    PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
    PARLEY_ADMIN_EMAIL: 'owner@parley.test',
    PARLEY_ADMIN_PASSWORD: 'owner-password-1',
    ...(database ? { DATABASE_URL: database.url, ...redisEnv() } : {}),
  };
  const config = loadConfig(env);
  const log = pino({ level: 'silent' });
  const backends = await openBackends(config, log);
  const box = createSecretBox(env.PARLEY_SECRET_KEY!);
  const ctx: AppContext = {
    config,
    blobs: createFolderBlobStore(join(dataDir, 'media')),
    ...backends,
    prefix,
    channels: createChannelDirectory(backends.db, box),
    box,
    appSecret,
    verifyToken: 'verify-me',
    adminToken: null,
    metrics: createMetrics(),
    log,
  };
  await migrate(ctx.db);
  const seeded = (await seedFirstRun(ctx.db, box, {
    email: env.PARLEY_ADMIN_EMAIL,
    password: env.PARLEY_ADMIN_PASSWORD,
  }))!;

  const gateway = createGateway({
    ...ctx,
    queue: opts.gatewayQueue ? opts.gatewayQueue(ctx.queue) : ctx.queue,
    maxBytes: opts.maxBytes ?? config.PARLEY_WEBHOOK_MAX_BYTES,
  });
  const server: Server = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  let workers: Service[] = [];
  const startWorker = async (w: WorkerOptions = {}) => {
    const worker = createIngestWorker({
      db: ctx.db,
      queue: ctx.queue,
      pubsub: ctx.pubsub,
      prefix,
      concurrency: w.concurrency ?? 2,
      batchSize: w.batchSize ?? 100,
      maxAttempts: w.maxAttempts ?? 5,
      hooks: w.hooks ?? [],
      ...(w.followupLeaseMs !== undefined && { followupLeaseMs: w.followupLeaseMs }),
      ...(w.followupSweepMs !== undefined && { followupSweepMs: w.followupSweepMs }),
      metrics: ctx.metrics,
      log,
    });
    await worker.start();
    workers.push(worker);
  };
  if (opts.worker !== false) await startWorker(opts.worker ?? {});

  const harness: IngestHarness = {
    url,
    ctx,
    tenantId: seeded.tenantId,
    channelId: seeded.channelId,
    appSecret,
    env,
    async post(payload, o = {}) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const signature = o.signature === undefined ? signBody(body, o.secret ?? appSecret) : o.signature;
      const res = await fetch(`${url}${o.path ?? '/webhooks/whatsapp'}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        body,
      });
      return { status: res.status, body: await res.text() };
    },
    async addTenant(name, phoneNumberId, secrets = {}) {
      const made = await ctx.db.tx(async (q) => {
        const tenant = await createTenant(q, name);
        const channel = await addChannel(q, box, tenant.id, {
          name: `${name} number`,
          phoneNumberId,
          ...secrets,
        });
        return { tenantId: tenant.id, channelId: channel.id };
      });
      ctx.channels.invalidate();
      return made;
    },
    startWorker,
    async stopWorker() {
      const stopping = workers;
      workers = [];
      for (const w of stopping) await w.stop();
    },
    async waitFor(check, what, timeoutMs = 20_000) {
      await eventually(what, check, timeoutMs);
    },
    async count(sql, params = []) {
      const { rows } = await ctx.db.query<{ n: number }>(sql, params);
      return Number(rows[0]?.n ?? 0);
    },
    async close() {
      await harness.stopWorker();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backends.close();
      if (database) {
        await dropRedisPrefix(prefix);
        await database.drop();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
