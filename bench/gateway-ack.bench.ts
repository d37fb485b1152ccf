// Ack latency and throughput of POST /webhooks/whatsapp, beside its baselines in the same run:
// (a) a bare Node server answering 200, (b) Express + BullMQ queue.add per request. Parley runs in
// scale mode (`parley gateway`, Redis made durable) and in the embedded default (`parley start`,
// PGlite group commit, its worker in the same process).
//   node --import tsx bench/gateway-ack.bench.ts        (~2 minutes)
import { DEFAULT_PHONE_NUMBER_ID, toChannel } from '@parley/wa-sim';
import autocannon from 'autocannon';
import { dropRedisPrefix, redisEnv, uniqueName } from '../packages/server/src/test-support/services.ts';
import { withDurableRedis } from './support/durable-redis.ts';
import { textWebhook } from './support/payloads.ts';
import { type Proc, provision, startBaseline, startParley } from './support/stack.ts';
import { type Cell, machineNote, printTable, ratio } from './support/table.ts';

const FIXED_RATE = Number(process.env.BENCH_RATE ?? 2000);
const FIXED_MS = Number(process.env.BENCH_FIXED_MS ?? 6000);
const MAX_S = Number(process.env.BENCH_MAX_S ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

interface Measured {
  name: string;
  p50: number;
  p99: number;
  fixedErrors: number;
  /** What the fixed-rate phase achieved (below the asked rate when the machine cannot keep up). */
  fixedRps: number;
  maxRps: number;
  maxP99: number;
  maxErrors: number;
}

const demo = toChannel({ phoneNumberId: DEFAULT_PHONE_NUMBER_ID });

async function measure(name: string, proc: Proc, appSecret: string): Promise<Measured> {
  // Pre-signed, distinct bodies, so the load generator spends its CPU on sending, not on building.
  const pool = Array.from({ length: 20_000 }, () => textWebhook(demo, appSecret));
  let next = 0;
  const requests = [
    {
      method: 'POST',
      path: '/webhooks/whatsapp',
      setupRequest: (req: { headers?: Record<string, string> }) => {
        const b = pool[next++ % pool.length]!;
        return {
          ...req,
          method: 'POST',
          path: '/webhooks/whatsapp',
          body: b.body,
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': b.signature },
        };
      },
    },
  ];
  await autocannon({ url: proc.url, connections: 16, duration: 1, requests }); // warm-up (JIT, pools)
  // The fixed rate from pre-signed bodies: a generator that builds and signs each body itself falls
  // behind on a busy 2-core machine and measures its own lag instead of the server's.
  const fixed = await autocannon({
    url: proc.url,
    connections: CONNECTIONS,
    duration: FIXED_MS / 1000,
    overallRate: FIXED_RATE,
    requests,
  });
  const max = await autocannon({ url: proc.url, connections: CONNECTIONS, duration: MAX_S, requests });
  const m: Measured = {
    name,
    p50: fixed.latency.p50,
    p99: fixed.latency.p99,
    fixedErrors: fixed.non2xx + fixed.errors + fixed.timeouts,
    fixedRps: fixed.requests.average,
    maxRps: max.requests.average,
    maxP99: max.latency.p99,
    maxErrors: max.non2xx + max.errors + max.timeouts,
  };
  process.stderr.write(`  ${name}: ${JSON.stringify(m)}\n`);
  return m;
}

async function run(
  name: string,
  start: () => Promise<{ proc: Proc; appSecret: string; cleanup?: () => Promise<void> }>,
) {
  process.stderr.write(`gateway-ack: ${name}…\n`);
  try {
    const { proc, appSecret, cleanup } = await start();
    try {
      return await measure(name, proc, appSecret);
    } finally {
      await proc.stop();
      await cleanup?.();
    }
  } catch (err) {
    // A system that fails prints its error in the table instead of losing the others' numbers.
    process.stderr.write(`${name} failed: ${(err as Error).stack}\n`);
    return { name, error: (err as Error).message.split('\n')[0] ?? 'failed' };
  }
}

async function main(): Promise<void> {
  const machine = machineNote();
  const results = await withDurableRedis(async () => {
    const out: (Measured | { name: string; error: string })[] = [];
    out.push(
      await run('bare node:http 200', async () => ({
        proc: await startBaseline('bare-server.ts', {}),
        appSecret: 'x',
      })),
    );
    out.push(
      await run('Express 5 + BullMQ queue.add', async () => {
        const appSecret = 'bench-secret';
        const prefix = uniqueName('bull');
        const proc = await startBaseline('express-bullmq.ts', {
          WHATSAPP_APP_SECRET: appSecret,
          ...redisEnv(),
          BENCH_PREFIX: prefix,
        });
        return { proc, appSecret, cleanup: () => dropRedisPrefix(prefix) };
      }),
    );
    out.push(
      await run('Parley gateway, scale (Redis AOF)', async () => {
        const p = await provision('scale');
        const proc = await startParley('gateway', p.env);
        return { proc, appSecret: p.appSecret, cleanup: p.cleanup };
      }),
    );
    out.push(
      await run('Parley start, embedded (PGlite)', async () => {
        const p = await provision('embedded');
        const proc = await startParley('start', p.env);
        return { proc, appSecret: p.appSecret, cleanup: p.cleanup };
      }),
    );
    return out;
  });
  const maxOf = (r: (typeof results)[number] | undefined) => (r && !('error' in r) ? r.maxRps : 0);
  const bare = { maxRps: maxOf(results[0]) };
  const express = { maxRps: maxOf(results[1]) };
  const rows: Cell[][] = results.map((r) =>
    'error' in r
      ? [`${r.name}: failed (${r.error})`]
      : [
          r.name,
          Math.round(r.fixedRps),
          r.p50,
          r.p99,
          r.fixedErrors,
          Math.round(r.maxRps),
          r.maxP99,
          r.maxErrors,
          ratio(r.maxRps, bare.maxRps),
          ratio(r.maxRps, express.maxRps),
        ],
  );
  printTable(
    `gateway-ack: POST /webhooks/whatsapp (${FIXED_RATE} req/s fixed rate for ${FIXED_MS / 1000} s; max with ${CONNECTIONS} connections for ${MAX_S} s)`,
    [
      'system',
      `achieved of ${FIXED_RATE}/s`,
      `p50 ms @${FIXED_RATE}/s`,
      `p99 ms @${FIXED_RATE}/s`,
      'errors',
      'max req/s',
      'p99 ms @max',
      'errors @max',
      'vs bare',
      'vs Express+BullMQ',
    ],
    rows,
    [
      `targets (scale mode): p99 ≤ 5 ms at ${FIXED_RATE} req/s; max ≥ 0.5× bare and ≥ 2× Express+BullMQ`,
      'latency by autocannon, from each request’s send (at the fixed rate: overallRate, pre-signed bodies)',
      'signed real payloads from the simulator’s builders; Redis with appendonly yes, appendfsync everysec',
      machine,
    ],
  );
}

await main();
