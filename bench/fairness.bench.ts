// Fairness: tenant B's ingest latency (webhook sent → its row committed) on its own, and while
// tenant A sends a burst of 20,000 messages through the same gateway. Scale mode runs
// `parley gateway` and `parley worker` as processes (Redis made durable); the embedded default runs
// `parley start`'s roles inside this process, which is the embedded deployment. A's burst comes from
// a process of its own.
//   node --import tsx bench/fairness.bench.ts        (~2 minutes)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PHONE_NUMBER_ID, runLoad } from '@parley/wa-sim';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../packages/server/src/config/env.ts';
import type { PubSub } from '../packages/server/src/pubsub/port.ts';
import { createRedisPubSub } from '../packages/server/src/pubsub/redis.ts';
import { runRoles } from '../packages/server/src/runtime/run-roles.ts';
import type { Db } from '../packages/server/src/store/db.ts';
import { redisUrl } from '../packages/server/src/test-support/services.ts';
import { commitLatency, watchCommits } from './support/commit-watch.ts';
import { withDurableRedis } from './support/durable-redis.ts';
import { freePort, provision, startParley } from './support/stack.ts';
import { type Cell, machineNote, printTable } from './support/table.ts';

const A_PHONE = DEFAULT_PHONE_NUMBER_ID;
const B_PHONE = '106540352300001';
const A_COUNT = Number(process.env.BENCH_BURST ?? 20_000);
const A_RATE = Number(process.env.BENCH_BURST_RATE ?? 2_000);
const B_RATE = Number(process.env.BENCH_B_RATE ?? 20);
const BURST_MS = Math.round((A_COUNT / A_RATE) * 1000);
const B_MS = BURST_MS + 4000;
const BURST_CHILD = fileURLToPath(new URL('./support/burst-child.ts', import.meta.url));

interface Target {
  url: string;
  appSecret: string;
  pubsub: PubSub;
  db: Db;
  prefix: string;
  tenantA: string;
  tenantB: string;
}

interface BurstStats {
  sent: number;
  ok: number;
  errors: number;
  achievedRate: number;
  latencyMs: { p99: number };
}

function runBurst(t: Target): Promise<BurstStats> {
  const child = spawn(process.execPath, ['--import', 'tsx', BURST_CHILD], {
    env: {
      ...process.env,
      BURST_URL: `${t.url}/webhooks/whatsapp`,
      BURST_SECRET: t.appSecret,
      BURST_PHONE: A_PHONE,
      BURST_RATE: String(A_RATE),
      BURST_MS: String(BURST_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as BurstStats) : reject(new Error(`burst exited ${code}`)),
    ),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(250);
  }
  return false;
}

async function measureB(t: Target, withBurst: boolean) {
  const watch = await watchCommits(t.pubsub, t.db, t.prefix, t.tenantB);
  const countA = async () =>
    Number(
      (
        await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1', [
          t.tenantA,
        ])
      ).rows[0]?.n ?? 0,
    );
  const aBefore = withBurst ? await countA() : 0;
  const burstStart = Date.now();
  const burst = withBurst ? sleep(1000).then(() => runBurst(t)) : Promise.resolve(null);
  const b = await runLoad({
    webhookUrl: `${t.url}/webhooks/whatsapp`,
    appSecret: t.appSecret,
    tenants: [B_PHONE],
    rate: B_RATE,
    durationMs: B_MS,
    connections: 8,
    conversations: 50,
    recordSent: true,
  });
  const a = await burst;
  const sent = b.sentMessages ?? [];
  await waitUntil(async () => sent.every((s) => watch.seen.has(s.id)), 20_000);
  let aDrainMs: number | null = null;
  if (a) {
    const drained = await waitUntil(async () => (await countA()) - aBefore >= a.ok, 120_000);
    aDrainMs = drained ? Date.now() - burstStart - 1000 : null;
  }
  await watch.stop();
  return { lat: commitLatency(sent, watch.seen), bAck: b.latencyMs, a, aDrainMs };
}

async function both(mode: string, t: Target): Promise<Cell[][]> {
  process.stderr.write(`fairness (${mode}): tenant B alone…\n`);
  const alone = await measureB(t, false);
  process.stderr.write(`fairness (${mode}): tenant B beside A's burst of ${A_COUNT}…\n`);
  const busy = await measureB(t, true);
  const added = alone.lat.p99 !== null && busy.lat.p99 !== null ? busy.lat.p99 - alone.lat.p99 : null;
  const row = (label: string, r: typeof alone, extra: Cell[]): Cell[] => [
    `${mode}: ${label}`,
    r.lat.committed,
    r.lat.missing,
    r.lat.p50,
    r.lat.p99,
    r.lat.max,
    r.bAck.p99,
    ...extra,
  ];
  return [
    row('B alone', alone, [null, null, null, null]),
    row(`B + A burst`, busy, [
      added,
      busy.a ? `${busy.a.ok}/${busy.a.sent} at ${Math.round(busy.a.achievedRate)}/s` : null,
      busy.a?.latencyMs.p99 ?? null,
      busy.aDrainMs,
    ]),
  ];
}

async function scale(): Promise<Cell[][]> {
  const p = await provision('scale', [{ name: 'Tenant B', phoneNumberId: B_PHONE }]);
  const gateway = await startParley('gateway', p.env);
  const worker = await startParley('worker', p.env);
  const pubsub = createRedisPubSub(new Redis(redisUrl()), new Redis(redisUrl()));
  try {
    return await both('scale', {
      url: gateway.url,
      appSecret: p.appSecret,
      pubsub,
      db: p.db!,
      prefix: p.prefix,
      tenantA: p.tenants.get(A_PHONE)!,
      tenantB: p.tenants.get(B_PHONE)!,
    });
  } finally {
    await pubsub.close();
    await gateway.stop();
    await worker.stop();
    await p.cleanup();
  }
}

async function embedded(): Promise<Cell[][]> {
  const p = await provision('embedded', [{ name: 'Tenant B', phoneNumberId: B_PHONE }]);
  const config = loadConfig({ ...p.env, PORT: String(await freePort()), HOST: '127.0.0.1' });
  const running = await runRoles('start', config, pino({ level: 'warn' }));
  try {
    return await both('embedded', {
      url: `http://127.0.0.1:${running.port}`,
      appSecret: p.appSecret,
      pubsub: running.ctx.pubsub,
      db: running.ctx.db,
      prefix: running.ctx.prefix,
      tenantA: p.tenants.get(A_PHONE)!,
      tenantB: p.tenants.get(B_PHONE)!,
    });
  } finally {
    await running.stop();
    await p.cleanup();
  }
}

/** A mode that fails prints its error in the table instead of losing the other mode's numbers. */
const orError = async (mode: string, run: () => Promise<Cell[][]>): Promise<Cell[][]> => {
  try {
    const rows = await run();
    for (const r of rows) process.stderr.write(`  ${JSON.stringify(r)}\n`);
    return rows;
  } catch (err) {
    process.stderr.write(`${mode} failed: ${(err as Error).stack}\n`);
    return [[`${mode}: failed (${(err as Error).message.split('\n')[0]})`]];
  }
};

const machine = machineNote();
const modes = (process.env.BENCH_MODES ?? 'scale,embedded').split(',');
const rows = await withDurableRedis(async () => [
  ...(modes.includes('scale') ? await orError('scale', scale) : []),
  ...(modes.includes('embedded') ? await orError('embedded', embedded) : []),
]);
printTable(
  `fairness: tenant B (${B_RATE} msg/s for ${B_MS / 1000} s), ingest latency webhook sent → row committed`,
  [
    'run',
    'B committed',
    'B missing',
    'B p50 ms',
    'B p99 ms',
    'B max ms',
    'B ack p99 ms',
    'p99 added ms',
    `A burst (${A_COUNT} at ${A_RATE}/s asked)`,
    'A ack p99 ms',
    'A drained after ms',
  ],
  rows,
  [
    'target (scale mode): tenant B’s p99 rises by ≤ 50 ms while A bursts',
    'latency from each B message’s intended send time to when its message.created entry was read after the commit wake-up',
    'B ack p99: B’s webhook answered by the shared gateway (part of the ingest latency, not of the queue)',
    machine,
  ],
);
