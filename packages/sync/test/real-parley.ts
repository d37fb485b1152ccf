// A real Parley in scale mode (PostgreSQL + Redis, every role in this process) wired to the WhatsApp
// simulator both ways, for the sync client's integration test: customers write through signed
// webhooks, agents' sends go through the Graph API to the simulator, whose status webhooks come back.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createAgent } from '../../server/src/admin/accounts.ts';
import type { AppContext } from '../../server/src/app-context.ts';
import { createApiToken } from '../../server/src/auth/credentials.ts';
import { loadConfig } from '../../server/src/config/env.ts';
import { type GraphProxy, startGraphProxy } from '../../server/src/outbound/graph-proxy.test-support.ts';
import { runRoles } from '../../server/src/runtime/run-roles.ts';
import { eventually } from '../../server/src/test-support/eventually.ts';
import {
  createTestDatabase,
  dropRedisPrefix,
  redisEnv,
  uniqueName,
} from '../../server/src/test-support/services.ts';
import {
  buildContact,
  buildEnvelope,
  buildMessagesValue,
  buildTextMessage,
  createSimulator,
  messagesChange,
  type Simulator,
} from '../../wa-sim/src/index.ts';

const APP_SECRET = 'sync-integration-secret';

export interface RealAgent {
  agentId: string;
  token: string;
  teamIds: string[];
}

export interface RealParley {
  server: { baseUrl: string; ctx: AppContext };
  /** What the server logged at level error or above (a 500 says why here). */
  serverErrors: string[];
  sim: Simulator;
  tenantId: string;
  channelId: string;
  /** An agent (role `agent`) in the given teams, with a personal API token. */
  agent(name: string, teamIds: string[]): Promise<RealAgent>;
  /** A team; with `onChannel`, the team is a member of the seeded channel (sees all of it). */
  team(name: string, onChannel: boolean): Promise<string>;
  /** The REST API as one agent: parsed JSON body and status. */
  api(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  /** A customer writes; resolves with their conversation id once it is stored. */
  customerWrites(waId: string, text: string): Promise<string>;
  /** A customer's messages in one webhook (one ingest transaction); resolves with the conversation id. */
  customerBurst(waId: string, texts: string[]): Promise<string>;
  /** The tenant's log head (the seq every caught-up client's cursor must reach). */
  head(): Promise<number>;
  /** Waits until webhooks, ingest and outbound are done: sends read, simulator idle, head still. */
  quiesce(): Promise<number>;
  waitFor<T>(
    what: string,
    probe: () => Promise<T | undefined> | T | undefined,
    timeoutMs?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

export async function startRealParley(): Promise<RealParley> {
  const database = await createTestDatabase();
  const prefix = uniqueName('syncit');
  const proxy: GraphProxy = await startGraphProxy();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-sync-it-'));
  const serverErrors: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => serverErrors.push(line) });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_ADMIN_EMAIL: 'owner@sync.test',
    PARLEY_ADMIN_PASSWORD: 'owner-password-1',
    DATABASE_URL: database.url,
    ...redisEnv(),
    PARLEY_QUEUE_PREFIX: prefix,
    WHATSAPP_GRAPH_URL: proxy.url,
    PARLEY_FETCH_ALLOW: '127.0.0.1',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'sync-integration-verify',
    PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
  });
  if (config.mode !== 'scale') throw new Error(`expected scale mode, got ${config.mode}`);
  const running = await runRoles('start', config, log);
  const server = { baseUrl: `http://127.0.0.1:${running.port}`, ctx: running.ctx };
  const sim = createSimulator({
    webhookUrl: `${server.baseUrl}/webhooks/whatsapp`,
    appSecret: APP_SECRET,
    statusTiming: { sentAfterMs: 5, deliveredAfterMs: 15, readAfterMs: 30, readRate: 1 },
    retry: { baseMs: 20 },
  });
  await sim.start();
  proxy.target = sim.url;
  const { db } = server.ctx;
  const tenantId = running.seeded!.tenantId;
  const channelId = (
    await db.query<{ id: string }>('SELECT id FROM channels WHERE tenant_id = $1', [tenantId])
  ).rows[0]!.id;

  const waitFor: RealParley['waitFor'] = (what, probe, timeoutMs = 30_000) =>
    eventually(what, probe, timeoutMs);
  const head = async () =>
    Number(
      (await db.query<{ seq: number }>('SELECT seq FROM tenant_counters WHERE tenant_id = $1', [tenantId]))
        .rows[0]!.seq,
    );

  return {
    server,
    serverErrors,
    sim,
    tenantId,
    channelId,
    async agent(name, teamIds) {
      const email = `${name}-${randomBytes(3).toString('hex')}@sync.test`;
      const { id } = await createAgent(db, tenantId, {
        email,
        name,
        role: 'agent',
        password: 'agent-pw-12345',
      });
      for (const t of teamIds)
        await db.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [t, id]);
      const { token } = await createApiToken(db, tenantId, `${name} sync test`, { agentId: id });
      return { agentId: id, token, teamIds };
    },
    async team(name, onChannel) {
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO teams (tenant_id, name) VALUES ($1, $2) RETURNING id',
        [tenantId, name],
      );
      const id = rows[0]!.id;
      if (onChannel)
        await db.query('INSERT INTO channel_members (channel_id, team_id) VALUES ($1, $2)', [channelId, id]);
      return id;
    },
    async api(token, method, path, body) {
      const res = await fetch(server.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    async customerWrites(waId, text) {
      const sent = await sim.sendText(waId, text);
      const wamid = sent.message.id;
      return waitFor(`the message ${wamid} of ${waId}`, async () => {
        const r = await db.query<{ conversation_id: string }>(
          'SELECT conversation_id FROM messages WHERE wa_message_id = $1',
          [wamid],
        );
        return r.rows[0]?.conversation_id;
      });
    },
    async customerBurst(waId, texts) {
      const channel = sim.channels[0]!;
      const messages = texts.map((body) => buildTextMessage({ from: waId, body }));
      const value = buildMessagesValue(channel, { contacts: [buildContact(waId, 'Burst')], messages });
      await sim.sendRaw(JSON.stringify(buildEnvelope([messagesChange(channel, value)])));
      return waitFor(`the burst of ${waId}`, async () => {
        const r = await db.query<{ conversation_id: string }>(
          'SELECT conversation_id FROM messages WHERE wa_message_id = ANY($1::text[])',
          [messages.map((m) => m.id)],
        );
        return r.rows.length === texts.length ? r.rows[0]!.conversation_id : undefined;
      });
    },
    head,
    async quiesce() {
      let last = -1;
      for (;;) {
        await sim.idle();
        await waitFor('every send to be read by the customer', async () => {
          const r = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND direction = 'out' AND status <> 'read'`,
            [tenantId],
          );
          return r.rows[0]!.n === 0 ? true : undefined;
        });
        await sim.idle();
        await new Promise((r) => setTimeout(r, 300));
        const now = await head();
        if (now === last) return now;
        last = now;
      }
    },
    waitFor,
    async close() {
      await sim.stop();
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await proxy.close();
      await dropRedisPrefix(prefix);
      await database.drop();
    },
  };
}
