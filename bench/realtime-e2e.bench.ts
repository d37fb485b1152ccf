// End to end: a signed webhook in → the message.created entry delivered to a connected agent's
// socket, at a fixed open-loop rate (latency from each webhook's intended send time, so a stall
// is not hidden by coordinated omission). Parley runs as `parley start` in the embedded default
// and in scale mode (PostgreSQL + Redis); the baseline is a bare node:http + Socket.IO server that
// broadcasts each POST at once — the floor of "HTTP in → socket out" on this machine, this run.
//   node --import tsx bench/realtime-e2e.bench.ts      (~1 minute; BENCH_RATE, BENCH_SECONDS)
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import {
  type Cell,
  connectMany,
  type Mode,
  type Proc,
  percentile,
  printTable,
  provision,
  ratio,
  signedText,
  sleep,
  startBareSocketIo,
  startParley,
} from './support/realtime-stack.ts';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);

interface Result {
  name: string;
  sent: number;
  received: number;
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
}

interface Target {
  url: string;
  socket: Socket;
  /** Sends message `id` and resolves when the HTTP answer came. */
  post(id: string): Promise<number>;
  /** Subscribes to deliveries: calls back with the id of each delivered message. */
  onDelivered(cb: (id: string) => void): void;
}

async function drive(name: string, t: Target): Promise<Result> {
  const due = new Map<string, number>();
  const latencies: number[] = [];
  t.onDelivered((id) => {
    const at = due.get(id);
    if (at === undefined) return;
    due.delete(id);
    latencies.push(performance.now() - at);
  });
  // Warm-up at a gentle rate: JIT, pools, the first conversations.
  for (let i = 0; i < WARMUP; i++) {
    void t.post(`wamid.warm.${i}.${randomBytes(4).toString('hex')}`);
    await sleep(5);
  }
  await sleep(1000);
  latencies.length = 0;
  due.clear();

  const total = RATE * SECONDS;
  const ids = Array.from({ length: total }, (_, i) => `wamid.e2e.${i}.${randomBytes(4).toString('hex')}`);
  const start = performance.now() + 50;
  let sent = 0;
  let errors = 0;
  const acks: number[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / RATE <= now) {
        const id = ids[sent]!;
        const intended = start + (sent * 1000) / RATE;
        due.set(id, intended);
        t.post(id).then(
          (status) => {
            acks.push(performance.now() - intended);
            if (status !== 200) errors++;
          },
          () => errors++,
        );
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const deadline = performance.now() + 15_000;
  while (due.size > 0 && performance.now() < deadline) await sleep(50);
  const r: Result = {
    name,
    sent: total - errors,
    received: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
  };
  process.stderr.write(`  ${JSON.stringify(r)}\n`);
  return r;
}

async function bare(): Promise<Result> {
  const proc = await startBareSocketIo();
  const [socket] = await connectMany(proc.url, ['none'], 1);
  try {
    return await drive('bare node:http + Socket.IO broadcast', {
      url: proc.url,
      socket: socket!,
      post: async (id) =>
        (await fetch(`${proc.url}/emit`, { method: 'POST', body: JSON.stringify({ id }) })).status,
      onDelivered: (cb) => socket!.on('event', (e: { id: string }) => cb(e.id)),
    });
  } finally {
    socket!.close();
    await proc.stop();
  }
}

async function parley(mode: Mode): Promise<Result> {
  const p = await provision(mode, 1);
  let proc: Proc | null = null;
  try {
    proc = await startParley(p);
    const url = proc.url;
    const [socket] = await connectMany(url, p.tokens, 1);
    let n = 0;
    try {
      return await drive(`Parley start, ${mode}`, {
        url,
        socket: socket!,
        async post(id) {
          n++;
          const { body, signature } = signedText(
            p.appSecret,
            id,
            `1650${String((n % 200) + 1).padStart(7, '0')}`,
          );
          const res = await fetch(`${url}/webhooks/whatsapp`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
            body,
          });
          await res.arrayBuffer();
          return res.status;
        },
        onDelivered: (cb) =>
          socket!.on('event', (e: { type: string; data?: { waMessageId?: string } }) => {
            if (e.type === 'message.created' && e.data?.waMessageId) cb(e.data.waMessageId);
          }),
      });
    } finally {
      socket!.close();
    }
  } finally {
    await proc?.stop();
    await p.cleanup();
  }
}

const only = process.env.BENCH_MODES?.split(',') ?? ['bare', 'embedded', 'scale'];
const results: Result[] = [];
if (only.includes('bare')) results.push(await bare());
if (only.includes('embedded')) results.push(await parley('embedded'));
if (only.includes('scale')) results.push(await parley('scale'));
const base = results.find((r) => r.name.startsWith('bare'));
const rows: Cell[][] = results.map((r) => [
  r.name,
  r.sent,
  r.received,
  r.p50,
  r.p99,
  r.max,
  base ? `+${(r.p50 - base.p50).toFixed(1)} ms / ${ratio(r.p99, base.p99)}` : null,
  r.ackP50,
  r.ackP99,
]);
printTable(
  `realtime-e2e: signed webhook → entry on an agent's socket, ${RATE} msg/s open loop for ${SECONDS} s`,
  [
    'system',
    'sent (2xx)',
    'delivered',
    'p50 ms',
    'p99 ms',
    'max ms',
    'p50 over bare / p99 vs bare',
    'HTTP ack p50',
    'HTTP ack p99',
  ],
  rows,
  [
    'target: p50 ≤ 10 ms, p99 ≤ 50 ms (scale mode; the embedded default reports its own)',
    'Parley path: gateway (signature, durable queue, 200) → worker (parse, one transaction with the log entry) → relay → Socket.IO',
    'latency is measured from each webhook’s intended send time; client and load generator share this process',
  ],
);
process.exit(0);
