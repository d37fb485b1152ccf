// What the realtime benchmarks share: a Parley process (embedded or scale mode) provisioned with
// agents and tokens before it starts, a bare Socket.IO baseline, many socket clients, signed
// webhooks, process memory and percentiles.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createApiToken } from '../../packages/server/src/auth/credentials.ts';
import { seedFirstRun } from '../../packages/server/src/seed/first-run.ts';
import type { Db } from '../../packages/server/src/store/db.ts';
import { migrate } from '../../packages/server/src/store/migrate.ts';
import { openPglite } from '../../packages/server/src/store/pglite.ts';
import { openPostgres } from '../../packages/server/src/store/postgres.ts';
import { createSecretBox } from '../../packages/server/src/store/secret-box.ts';
import {
  createTestDatabase,
  dropRedisPrefix,
  redisEnv,
  uniqueName,
} from '../../packages/server/src/test-support/services.ts';
import { type Proc, startProc as startReadyProc } from './stack.ts';

export type { Proc };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_PHONE = '106540352242922';
export type Mode = 'embedded' | 'scale';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A process of its own, ready once GET /healthz answers 200 (provisioning can be slow: 2 minutes). */
export const startProc = (args: string[], env: Record<string, string>): Promise<Proc> =>
  startReadyProc(args, env, '/healthz', 120_000);

export interface Provisioned {
  mode: Mode;
  env: Record<string, string>;
  appSecret: string;
  tenantId: string;
  channelId: string;
  /** A conversation of the Demo channel, visible to every agent created. */
  conversationId: string;
  /** Personal tokens of the agents created (owner first). */
  tokens: string[];
  /** Runs fn on the database; embedded: only while no server holds the folder. */
  withDb<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

/** A fresh database with the Demo tenant, `agents` agents (members of its channel) and tokens. */
export async function provision(mode: Mode, agents: number): Promise<Provisioned> {
  const appSecret = randomBytes(16).toString('hex');
  const secretKey = randomBytes(32).toString('hex');
  const prefix = uniqueName('rtbench');
  const dir = mkdtempSync(join(tmpdir(), 'parley-rtbench-'));
  const database = mode === 'scale' ? await createTestDatabase() : null;
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = database ? await openPostgres(database.url) : await openPglite(join(dir, 'pgdata'));
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  const { tenantId, channelId, tokens, conversationId } = await withDb(async (db) => {
    await migrate(db);
    const seeded = await seedFirstRun(db, createSecretBox(secretKey), {
      email: 'owner@parley.bench',
      password: 'bench-password-1',
    });
    const tenantId = seeded!.tenantId;
    const channelId = seeded!.channelId;
    const owner = await db.query<{ id: string }>('SELECT id FROM agents WHERE tenant_id = $1', [tenantId]);
    const tokens = [(await createApiToken(db, tenantId, 'bench', { agentId: owner.rows[0]!.id })).token];
    for (let i = 1; i < agents; i++) {
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO agents (tenant_id, email, name, role) VALUES ($1, $2, $2, $3) RETURNING id',
        [tenantId, `agent${i}@parley.bench`, 'agent'],
      );
      await db.query('INSERT INTO channel_members (channel_id, agent_id) VALUES ($1, $2)', [
        channelId,
        rows[0]!.id,
      ]);
      tokens.push((await createApiToken(db, tenantId, 'bench', { agentId: rows[0]!.id })).token);
    }
    const conversation = await db.query<{ id: string }>(
      `WITH k AS (INSERT INTO contacts (tenant_id, wa_id, name) VALUES ($1, '16505550000', 'Bench') RETURNING id)
       INSERT INTO conversations (tenant_id, channel_id, contact_id) SELECT $1, $2, k.id FROM k RETURNING id`,
      [tenantId, channelId],
    );
    return { tenantId, channelId, tokens, conversationId: conversation.rows[0]!.id };
  });
  const env: Record<string, string> = {
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'bench-verify',
    PARLEY_SECRET_KEY: secretKey,
    PARLEY_QUEUE_PREFIX: prefix,
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_DATA_DIR: dir,
    DATABASE_URL: database?.url ?? '',
    ...(database ? redisEnv() : { REDIS_URL: '' }),
  };
  return {
    mode,
    env,
    appSecret,
    tenantId,
    channelId,
    conversationId,
    tokens,
    withDb,
    async cleanup() {
      if (database) {
        await dropRedisPrefix(prefix);
        await database.drop();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const startParley = (p: Provisioned, role = 'start') =>
  startProc([join(ROOT, 'packages/server/bin/parley.mjs'), role], p.env);

/** The baseline: node:http + Socket.IO, POST /emit broadcasts its body as an "event". */
export const startBareSocketIo = () =>
  startProc(['--import', 'tsx', join(ROOT, 'bench/servers/bare-socketio.ts')], {});

/** Connects n sockets, `parallel` handshakes at a time; token i % tokens.length. */
export async function connectMany(
  url: string,
  tokens: string[],
  n: number,
  parallel = 50,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let next = 0;
  const one = () =>
    new Promise<Socket>((resolve, reject) => {
      const s = connectClient(url, {
        path: '/realtime',
        auth: { token: tokens[sockets.length % tokens.length] },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 60_000,
      });
      s.once('connect', () => resolve(s));
      s.once('connect_error', (e) => reject(e));
    });
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        next++;
        sockets.push(await one());
      }
    }),
  );
  return sockets;
}

/** A signed webhook carrying one inbound text with the given wamid. */
export function signedText(
  appSecret: string,
  wamid: string,
  from: string,
): { body: string; signature: string } {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: DEMO_PHONE },
              contacts: [{ profile: { name: `Customer ${from.slice(-4)}` }, wa_id: from }],
              messages: [
                {
                  from,
                  id: wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: `bench ${wamid}` },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return { body, signature: `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}` };
}

/** Resident set size of a process, in bytes (Linux). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** The V8 heap in use, from Parley's /metrics (prom-client default metrics). */
export async function heapOf(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^parley_process_nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// The realtime benches print with the same table as every other bench.
export { type Cell, printTable, ratio } from './table.ts';
