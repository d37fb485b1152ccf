// Fan-out: 2,000 sockets connected in one tenant, one logged change (PUT …/labels on a
// conversation of a channel every agent is a member of: a conversation.updated every socket gets), the delivery latency to every socket; and the memory an
// idle socket costs the server (RSS and V8 heap of the server process, before and after
// connecting). Baseline: a bare node:http + Socket.IO server broadcasting a POSTed body.
//   node --import tsx bench/realtime-fanout.bench.ts      (~1–2 minutes; BENCH_SOCKETS, BENCH_AGENTS)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { createTestTenant, startTestNode } from '../packages/server/src/realtime/realtime.test-support.ts';
import {
  type Cell,
  connectMany,
  heapOf,
  type Mode,
  type Proc,
  percentile,
  printTable,
  provision,
  ratio,
  rssOf,
  sleep,
  startBareSocketIo,
  startParley,
} from './support/realtime-stack.ts';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 2000);
// 2,000 sockets are 200 agents with 10 tabs each: presence announcements grow with agents × sockets.
const AGENTS = Number(process.env.BENCH_AGENTS ?? 200);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5);

interface Result {
  name: string;
  sockets: number;
  deliveries: number;
  expected: number;
  p50: number;
  p99: number;
  max: number;
  rssPerSocketKb: number;
  heapPerSocketKb: number | null;
}

/** Fires EVENTS changes one after another and times each delivery to each socket. */
async function fanOut(
  sockets: Socket[],
  fire: (i: number) => Promise<void>,
  match: (e: unknown, i: number) => boolean,
) {
  const latencies: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    let got = 0;
    const t0 = performance.now();
    const handlers = sockets.map((s) => {
      const h = (e: unknown) => {
        if (!match(e, i)) return;
        got++;
        latencies.push(performance.now() - t0);
        s.off('event', h);
      };
      s.on('event', h);
      return h;
    });
    await fire(i);
    const deadline = performance.now() + 10_000;
    while (got < sockets.length && performance.now() < deadline) await sleep(5);
    for (const [k, s] of sockets.entries()) s.off('event', handlers[k]);
    await sleep(300);
  }
  return latencies;
}

async function measure(
  name: string,
  proc: Proc,
  tokens: string[],
  fire: (i: number) => Promise<void>,
  match: (e: unknown, i: number) => boolean,
  heap: boolean,
): Promise<Result> {
  const pid = proc.child.pid!;
  // Warm the server (one socket in and out) before the memory baseline.
  const warm = await connectMany(proc.url, tokens, Math.min(20, SOCKETS));
  for (const s of warm) s.close();
  await sleep(1000);
  const rss0 = rssOf(pid);
  const heap0 = heap ? await heapOf(proc.url) : Number.NaN;
  const t = performance.now();
  const sockets = await connectMany(proc.url, tokens, SOCKETS);
  process.stderr.write(
    `  ${name}: ${SOCKETS} sockets connected in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
  await sleep(3000); // idle: presence and handshakes settle
  const rss1 = rssOf(pid);
  const heap1 = heap ? await heapOf(proc.url) : Number.NaN;
  const latencies = await fanOut(sockets, fire, match);
  for (const s of sockets) s.close();
  const r: Result = {
    name,
    sockets: SOCKETS,
    deliveries: latencies.length,
    expected: SOCKETS * EVENTS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    rssPerSocketKb: (rss1 - rss0) / SOCKETS / 1024,
    heapPerSocketKb: heap ? (heap1 - heap0) / SOCKETS / 1024 : null,
  };
  process.stderr.write(`  ${JSON.stringify(r)}\n`);
  return r;
}

async function bare(): Promise<Result> {
  const proc = await startBareSocketIo();
  try {
    return await measure(
      'bare node:http + Socket.IO broadcast',
      proc,
      ['none'],
      async (i) => {
        await fetch(`${proc.url}/emit`, { method: 'POST', body: JSON.stringify({ i }) });
      },
      (e, i) => (e as { i?: number }).i === i,
      false,
    );
  } finally {
    await proc.stop();
  }
}

async function parley(mode: Mode): Promise<Result> {
  const p = await provision(mode, AGENTS);
  let proc: Proc | null = null;
  try {
    proc = await startParley(p);
    const url = proc.url;
    return await measure(
      `Parley start, ${mode}`,
      proc,
      p.tokens,
      async (i) => {
        // A conversation.updated that every agent sees (all are members of its channel).
        const res = await fetch(`${url}/api/v1/conversations/${p.conversationId}/labels`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${p.tokens[0]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ labels: [`bench-${i}`] }),
        });
        if (res.status !== 200) throw new Error(`labels answered ${res.status}: ${await res.text()}`);
      },
      (e, i) => {
        const x = e as { type?: string; data?: { labels?: string[] } };
        return x.type === 'conversation.updated' && x.data?.labels?.[0] === `bench-${i}`;
      },
      true,
    );
  } finally {
    await proc?.stop();
    await p.cleanup();
  }
}

/**
 * The V8 heap one idle socket costs a server, after full GCs: a process's heap cannot be collected
 * from outside, so the servers run here, and the clients' own share (measured against a server in
 * another process) is subtracted.
 */
async function heapAfterGc(): Promise<Cell[][]> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const perSocket = async (url: string, tokens: string[]) => {
    const warm = await connectMany(url, tokens, 20);
    for (const s of warm) s.close();
    await sleep(1000);
    const h0 = heap();
    const sockets = await connectMany(url, tokens, SOCKETS);
    await sleep(3000);
    const kb = (heap() - h0) / SOCKETS / 1024;
    for (const s of sockets) s.close();
    await sleep(1000);
    return kb;
  };
  const remote = await startBareSocketIo();
  const clients = await perSocket(remote.url, ['none']);
  await remote.stop();

  const http = createServer();
  const io = new Server(http, { path: '/realtime', perMessageDeflate: false, httpCompression: false });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const bareKb =
    (await perSocket(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, ['none'])) - clients;
  io.close();

  const node = await startTestNode();
  const t = await createTestTenant(node);
  const tokens: string[] = [];
  for (let i = 0; i < AGENTS; i++) tokens.push((await t.agent('agent', [t.channelId])).token);
  const parleyKb = (await perSocket(node.url, tokens)) - clients;
  await node.stop();
  process.stderr.write(
    `  heap after GC: clients ${clients.toFixed(1)} KB, bare ${bareKb.toFixed(1)} KB, Parley ${parleyKb.toFixed(1)} KB\n`,
  );
  return [
    ['bare Socket.IO server', bareKb, '1.00×'],
    ['Parley socket server (auth, rooms, presence, typing)', parleyKb, ratio(parleyKb, bareKb)],
  ];
}

const only = process.env.BENCH_MODES?.split(',') ?? ['bare', 'embedded', 'scale', 'heap'];
const results: Result[] = [];
if (only.includes('bare')) results.push(await bare());
if (only.includes('embedded')) results.push(await parley('embedded'));
if (only.includes('scale')) results.push(await parley('scale'));
const base = results.find((r) => r.name.startsWith('bare'));
const rows: Cell[][] = results.map((r) => [
  r.name,
  r.sockets,
  `${r.deliveries}/${r.expected}`,
  r.p50,
  r.p99,
  r.max,
  base ? ratio(r.p99, base.p99) : null,
  r.rssPerSocketKb,
  r.heapPerSocketKb,
]);
if (results.length > 0)
  printTable(
    `realtime-fanout: ${SOCKETS} sockets in one tenant (${AGENTS} agents), ${EVENTS} events, each to every socket`,
    [
      'system',
      'sockets',
      'delivered',
      'p50 ms',
      'p99 ms',
      'max ms',
      'p99 vs bare',
      'RSS KB/socket',
      'heap KB/socket',
    ],
    rows,
    [
      'targets: p99 delivery ≤ 100 ms; ≤ 30 KB per idle socket',
      'latency from the moment the change is requested (Parley: PUT …/labels, commit, relay) to each socket’s receipt',
      'memory: server process RSS and V8 heap in use after connecting and idling, minus before, over the socket count (no forced GC)',
      'all clients share the benchmark’s process, whose event loop decodes every delivery: the bare row shows that floor',
    ],
  );
if (only.includes('heap')) {
  printTable(
    `realtime-fanout: V8 heap per idle socket after full GC (${SOCKETS} sockets, server in the benchmark's process)`,
    ['server', 'heap KB/socket', 'vs bare'],
    await heapAfterGc(),
    [
      'target: ≤ 30 KB per idle socket; the clients’ share, measured against a server in another process, is subtracted',
    ],
  );
}
process.exit(0);
