// Sustained durable ingest: messages a second acked by the gateway AND committed in the database,
// with every role on this machine. Scale mode: `parley gateway` + `parley worker` processes,
// PostgreSQL, Redis made durable. Embedded: `parley start` (one process, PGlite). Eight tenants, so
// eight lanes can be written at once; one message per POST, and Meta-style batches of ten.
//   node --import tsx bench/durable-ingest.bench.ts        (~2 minutes; BENCH_MODES=embedded for one)
import { DEFAULT_PHONE_NUMBER_ID, toChannel } from '@parley/wa-sim';
import autocannon from 'autocannon';
import { withDurableRedis } from './support/durable-redis.ts';
import { type SignedBody, textWebhook } from './support/payloads.ts';
import { type Proc, provision, startParley } from './support/stack.ts';
import { type Cell, machineNote, printTable } from './support/table.ts';

const LOAD_S = Number(process.env.BENCH_LOAD_S ?? 10);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

const phones = Array.from({ length: TENANTS }, (_, i) =>
  i === 0 ? DEFAULT_PHONE_NUMBER_ID : String(106540352300000 + i),
);

async function ingested(metricsUrl: string): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('parley_ingested_total{kind="message"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runOne(mode: 'scale' | 'embedded', perPost: number): Promise<Cell[]> {
  process.stderr.write(`durable-ingest: ${mode}, ${perPost} message(s) per POST…\n`);
  const p = await provision(
    mode,
    phones.slice(1).map((phoneNumberId, i) => ({ name: `Tenant ${i + 2}`, phoneNumberId })),
  );
  const procs: Proc[] = [];
  try {
    let gateway: Proc;
    let metricsUrl: string;
    if (mode === 'scale') {
      gateway = await startParley('gateway', p.env);
      procs.push(gateway);
      const worker = await startParley('worker', { ...p.env, PARLEY_WORKER_CONCURRENCY: String(TENANTS) });
      procs.push(worker);
      metricsUrl = worker.url;
    } else {
      gateway = await startParley('start', { ...p.env, PARLEY_WORKER_CONCURRENCY: String(TENANTS) });
      procs.push(gateway);
      metricsUrl = gateway.url;
    }
    const channels = phones.map((phoneNumberId) => toChannel({ phoneNumberId }));
    // Enough distinct bodies for the whole run at up to 6,000 POSTs a second (more than this
    // machine acks); past that they repeat and count as duplicates, not as new messages.
    const poolSize = Math.ceil((LOAD_S * 6_000) / perPost);
    const pool: SignedBody[] = Array.from({ length: poolSize }, (_, i) =>
      textWebhook(channels[i % channels.length]!, p.appSecret, 400, perPost),
    );
    let next = 0;
    const before = await ingested(metricsUrl);
    const t0 = Date.now();
    const result = await autocannon({
      url: gateway.url,
      connections: CONNECTIONS,
      duration: LOAD_S,
      requests: [
        {
          setupRequest: (req) => {
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
      ],
    });
    const loadMs = Date.now() - t0;
    const duringLoad = (await ingested(metricsUrl)) - before;
    const ackedPosts = Math.min(result['2xx'], pool.length);
    const expected = ackedPosts * perPost;
    let committed = duringLoad;
    let last = Date.now();
    let lastCount = committed;
    // Bounded: a run that cannot keep up reports how far it got within a minute of the load.
    while (committed < expected && Date.now() - last < 15_000 && Date.now() - t0 - loadMs < 60_000) {
      await sleep(200);
      committed = (await ingested(metricsUrl)) - before;
      if (committed > lastCount) {
        last = Date.now();
        lastCount = committed;
      }
    }
    const totalMs = last - t0;
    return [
      mode,
      TENANTS,
      perPost,
      Math.round(result['2xx'] / (loadMs / 1000)),
      Math.round((result['2xx'] * perPost) / (loadMs / 1000)),
      result.non2xx + result.errors,
      Math.round(duringLoad / (loadMs / 1000)),
      `${committed}/${expected}`,
      Math.round(totalMs / 100) / 10,
      Math.round(committed / (Math.max(totalMs, loadMs) / 1000)),
    ];
  } finally {
    for (const proc of procs.reverse()) await proc.stop();
    await p.cleanup();
  }
}

/** A run that fails prints its error in the table instead of losing the other runs' numbers. */
async function orError(mode: 'scale' | 'embedded', perPost: number): Promise<Cell[]> {
  try {
    const row = await runOne(mode, perPost);
    process.stderr.write(`  ${JSON.stringify(row)}\n`);
    return row;
  } catch (err) {
    process.stderr.write(`${mode} failed: ${(err as Error).stack}\n`);
    return [`${mode}: failed (${(err as Error).message.split('\n')[0]})`];
  }
}

const machine = machineNote();
const modes = (process.env.BENCH_MODES ?? 'scale,embedded').split(',') as ('scale' | 'embedded')[];
const rows = await withDurableRedis(async () => {
  const out: Cell[][] = [];
  for (const mode of modes) for (const perPost of [1, 10]) out.push(await orError(mode, perPost));
  return out;
});
printTable(
  `durable-ingest: ${LOAD_S} s of load at full speed (${CONNECTIONS} connections), then until committed`,
  [
    'mode',
    'tenants',
    'msgs/POST',
    'acked POST/s',
    'acked msg/s',
    'errors',
    'committed msg/s during load',
    'committed/acked',
    'until all committed s',
    'sustained msg/s (acked and committed)',
  ],
  rows,
  [
    'target (scale mode): ≥ 5,000 messages/s acked and committed',
    'sustained = messages committed ÷ time from the first POST to the last commit',
    '400 customers across the tenants: after the first messages most land in existing conversations, as in steady traffic',
    machine,
  ],
);
