// A worker process killed with SIGKILL in the middle of a burst loses nothing: its leases expire,
// another worker takes its lanes over, and every message is stored exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildTextMessage } from '@parley/wa-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestHarness, startIngestHarness } from '../test-support/ingest-harness.ts';
import { postgresAvailable, redisAvailable } from '../test-support/services.ts';
import { DEMO, inbound } from './ingest-path.contract.ts';

const PARLEY = fileURLToPath(new URL('../../bin/parley.mjs', import.meta.url));
const [pg, redis] = await Promise.all([postgresAvailable(), redisAvailable()]);

function spawnWorker(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [PARLEY, 'worker'], {
    env: { ...process.env, ...env, PARLEY_WORKER_CONCURRENCY: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

// A child killed by a signal has a signalCode and no exitCode.
const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (hasExited(child) ? resolve() : child.once('exit', () => resolve())));

describe.skipIf(!pg.ok || !redis.ok)(`a SIGKILLed worker (${pg.reason}, ${redis.reason})`, () => {
  let h: IngestHarness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    h = await startIngestHarness({ mode: 'scale', worker: false });
  });
  afterAll(async () => {
    for (const c of children) if (!hasExited(c)) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await h?.close();
  });

  it('loses nothing: another worker takes its lanes over and every message is stored once', async () => {
    const second = await h.addTenant('Crash B', '200000000000123');
    const channelB = {
      phoneNumberId: '200000000000123',
      displayPhoneNumber: '15550000123',
      wabaId: '3000123',
    };
    const ids: string[] = [];
    // 300 POSTs of 10 messages, a third of them for the second tenant.
    const payloads = Array.from({ length: 300 }, (_, i) => {
      const from = `1999${String(i % 40).padStart(6, '0')}`;
      const msgs = Array.from({ length: 10 }, (_, k) => buildTextMessage({ from, body: `crash ${i}.${k}` }));
      ids.push(...msgs.map((m) => m.id));
      return inbound(i % 3 === 0 ? channelB : DEMO, from, msgs);
    });
    const stored = () =>
      h.count('SELECT count(*)::int AS n FROM messages WHERE wa_message_id = ANY($1::text[])', [ids]);
    const post = async (from: number, to: number) => {
      for (let i = from; i < to; i += 50)
        await Promise.all(
          payloads
            .slice(i, Math.min(i + 50, to))
            .map(async (p) => expect((await h.post(p)).status).toBe(200)),
        );
    };

    await post(0, 150);
    const first = spawnWorker(h.env);
    children.push(first.child);
    await h
      .waitFor(async () => (await stored()) >= 200, `the first worker to store some messages`, 30_000)
      .catch((err: Error) => {
        throw new Error(`${err.message}\n${first.output()}`);
      });
    // Mid-burst: more is arriving while the worker dies holding its lanes.
    const rest = post(150, 300);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const atKill = await stored();
    expect(atKill).toBeLessThan(3000);
    await rest;

    const next = spawnWorker(h.env);
    children.push(next.child);
    await h
      .waitFor(async () => (await stored()) === 3000, 'all 3,000 messages stored', 60_000)
      .catch((err: Error) => {
        throw new Error(`${err.message} (stored ${atKill} before the kill)\n${next.output()}`);
      });
    expect(
      await h.count(
        `SELECT count(*)::int AS n FROM event_log WHERE type = 'message.created' AND tenant_id = ANY($1::uuid[])`,
        [[h.tenantId, second.tenantId]],
      ),
    ).toBe(3000);
    await h.waitFor(async () => (await h.ctx.queue.stats()).depth === 0, 'the queue drained');
    expect((await h.ctx.queue.stats()).dead).toBe(0);
  }, 180_000);
});
