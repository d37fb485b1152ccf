// Every role survives a lost PostgreSQL connection (issue 17, item 1). The roles run as separate
// `parley` processes in PostgreSQL-only mode, reaching the database through a TCP proxy: their
// connections are ended by pg_terminate_backend under load, then the database vanishes altogether
// (the proxy cuts and refuses, as in a restart or failover) and comes back. No process exits,
// /readyz says not ready while the database does not answer, and every acked message is stored
// exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTextMessage } from '@parley/wa-sim';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, inbound } from '../ingest/ingest-path.contract.ts';
import { createTestDatabase, postgresAvailable, uniqueName } from '../test-support/services.ts';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy.ts';
import { signBody } from '../webhook/verify-signature.ts';

const PARLEY = fileURLToPath(new URL('../../bin/parley.mjs', import.meta.url));
const available = await postgresAvailable();
const ROLES = ['gateway', 'worker', 'api', 'realtime'] as const;
type RoleName = (typeof ROLES)[number];

interface Proc {
  child: ChildProcess;
  port: number;
  output: () => string;
}

const alive = (p: Proc) => p.child.exitCode === null && p.child.signalCode === null;

function startRole(role: RoleName, env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, [PARLEY, role], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const line = output.split('\n').find((l) => l.includes('"parley is running"'));
      if (line) resolve({ child, port: JSON.parse(line).port as number, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`parley ${role} exited (${code}) at start:\n${output}`)));
  });
}

describe.skipIf(!available.ok)(`a lost database connection (${available.reason})`, () => {
  let database: { url: string; drop: () => Promise<void> };
  let proxy: TcpProxy;
  let admin: pg.Client;
  let dataDir: string;
  const procs = new Map<RoleName, Proc>();
  const appSecret = randomBytes(16).toString('hex');
  const sent: string[] = [];
  let dbName = '';

  const roleOf = (r: RoleName) => procs.get(r)!;
  const url = (r: RoleName, path: string) => `http://127.0.0.1:${roleOf(r).port}${path}`;
  const post = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const res = await fetch(url('gateway', '/webhooks/whatsapp'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, appSecret) },
      body,
    });
    return res.status;
  };
  /** Posts n new messages; answers how many the gateway acked (only those count as sent). */
  const postMany = async (n: number, tag: string) => {
    let acked = 0;
    for (let i = 0; i < n; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, n - i) }, async (_, k) => {
          const from = `1555${String(i + k).padStart(6, '0')}`;
          const msg = buildTextMessage({ from, body: `${tag} ${i + k}` });
          if ((await post(inbound(DEMO, from, [msg]))) === 200) {
            sent.push(msg.id);
            acked++;
          }
        }),
      );
    }
    return acked;
  };
  const stored = async () => {
    const { rows } = await admin.query<{ n: number; distinct_ids: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT wa_message_id)::int AS distinct_ids FROM messages WHERE wa_message_id = ANY($1::text[])`,
      [sent],
    );
    return rows[0]!;
  };
  const waitFor = async (check: () => Promise<boolean>, what: string, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) {
        const logs = [...procs].map(([r, p]) => `--- ${r}:\n${p.output().slice(-3000)}`).join('\n');
        throw new Error(`timed out waiting for ${what}\n${logs}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const ready = async (r: RoleName) => (await fetch(url(r, '/readyz')).catch(() => null))?.status;
  const terminateAll = async () => {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [dbName],
    );
    return rows[0]!.n;
  };
  const listeners = async () => {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%'`,
      [dbName],
    );
    return rows[0]!.n;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    dbName = target.pathname.slice(1);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    // Straight to PostgreSQL, not through the proxy; terminateAll spares this one session.
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    dataDir = mkdtempSync(join(tmpdir(), 'parley-lost-'));
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: proxied.toString(),
      PARLEY_DATA_DIR: dataDir,
      PARLEY_LOG_LEVEL: 'info',
      PARLEY_QUEUE_PREFIX: uniqueName('lost'),
      WHATSAPP_APP_SECRET: appSecret,
      WHATSAPP_VERIFY_TOKEN: 'verify-me',
      PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
      PARLEY_ADMIN_EMAIL: 'owner@parley.test',
      PARLEY_ADMIN_PASSWORD: 'owner-password-1',
    };
    // The first one migrates and seeds; the others start on a ready database.
    procs.set('gateway', await startRole('gateway', env));
    const rest = await Promise.all(ROLES.slice(1).map((r) => startRole(r, env)));
    for (const [i, r] of ROLES.slice(1).entries()) procs.set(r, rest[i]!);
  }, 120_000);

  afterAll(async () => {
    for (const p of procs.values()) if (alive(p)) p.child.kill('SIGKILL');
    await admin?.end();
    await proxy?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('pg_terminate_backend under load: no role exits, LISTEN comes back, every acked message is stored once', async () => {
    expect(await postMany(20, 'before')).toBe(20);
    await waitFor(async () => (await stored()).n === 20, '20 messages stored');
    const listening = await listeners();
    expect(listening).toBeGreaterThan(0);

    // A burst while every connection of every role is ended again and again, transactions included.
    let terminated = 0;
    let bursting = true;
    const killer = (async () => {
      while (bursting) {
        terminated += await terminateAll();
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    const acked = await postMany(200, 'burst');
    bursting = false;
    await killer;
    terminated += await terminateAll();

    expect(terminated).toBeGreaterThanOrEqual(ROLES.length);
    for (const [role, p] of procs)
      expect(alive(p), `parley ${role} is alive\n${p.output().slice(-3000)}`).toBe(true);
    // The gateway may answer 503 while its connection is replaced (Meta retries those); every 200 counts.
    expect(acked).toBeGreaterThan(0);
    await waitFor(
      async () => (await stored()).n === sent.length,
      `${sent.length} acked messages stored`,
      60_000,
    );
    expect(await stored()).toEqual({ n: sent.length, distinct_ids: sent.length });
    // Each process that listened listens again (realtime's wake-ups, the queues' work signals).
    await waitFor(async () => (await listeners()) >= listening, 'LISTEN re-established');
    for (const role of ROLES) await waitFor(async () => (await ready(role)) === 200, `${role} ready`);

    // The API serves a session after its connections were ended.
    const login = await fetch(url('api', '/api/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@parley.test', password: 'owner-password-1' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const list = await fetch(url('api', '/api/v1/conversations'), { headers: { cookie } });
    expect(list.status).toBe(200);
  }, 180_000);

  it('a database that vanishes: /readyz says not ready, nobody exits, and work resumes when it is back', async () => {
    proxy.cut();
    await terminateAll(); // what a restart does to the server side
    for (const role of ROLES) await waitFor(async () => (await ready(role)) === 503, `${role} not ready`);
    // The gateway cannot append to a queue in a database that is gone: 503, so Meta retries.
    const from = '15559999999';
    expect(await post(inbound(DEMO, from, [buildTextMessage({ from, body: 'while down' })]))).toBe(503);
    await new Promise((r) => setTimeout(r, 3000));
    for (const [role, p] of procs)
      expect(alive(p), `parley ${role} is alive\n${p.output().slice(-3000)}`).toBe(true);

    proxy.restore();
    for (const role of ROLES) await waitFor(async () => (await ready(role)) === 200, `${role} ready again`);
    const before = sent.length;
    expect(await postMany(20, 'after')).toBe(20);
    await waitFor(async () => (await stored()).n === before + 20, 'messages after the outage stored');
  }, 120_000);
});
