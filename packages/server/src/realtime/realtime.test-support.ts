// A realtime node for tests: Socket.IO + relay + presence on a plain HTTP server over PGlite in
// memory (or a given database), tenants with agents and tokens, and socket clients that record
// what they receive.
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import { REALTIME_PATH, SOCKET_EVENT, SOCKET_SIGNAL } from '@parley/sync';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { type Socket as ClientSocket, io as connectClient } from 'socket.io-client';
import { addChannel, createTenant } from '../admin/accounts.ts';
import { installErrorHandler } from '../api/error-handler.ts';
import { syncRoutes } from '../api/routes/sync-routes.ts';
import type { AppContext } from '../app-context.ts';
import { createApiToken } from '../auth/credentials.ts';
import type { Role } from '../auth/principal.ts';
import { loadConfig } from '../config/env.ts';
import { commitChanges } from '../events/commit-changes.ts';
import type { EntryScope, NewEntry } from '../events/event-log.ts';
import { createMetrics } from '../metrics/registry.ts';
import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { PubSub } from '../pubsub/port.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { createRealtimeRole, type RealtimeRole } from './realtime-role.ts';

export const silentLog = pino({ level: 'silent' });

export interface TestNode {
  db: Db;
  pubsub: PubSub;
  prefix: string;
  port: number;
  url: string;
  role: RealtimeRole;
  http: HttpServer;
  stop(): Promise<void>;
}

export async function startTestNode(
  opts: {
    db?: Db;
    pubsub?: PubSub;
    prefix?: string;
    env?: Record<string, string>;
    sweepMs?: number;
    credentialCheckMs?: number;
  } = {},
): Promise<TestNode> {
  const db = opts.db ?? (await openPglite(null));
  if (!opts.db) await migrate(db);
  const pubsub = opts.pubsub ?? createInProcessPubSub();
  const prefix = opts.prefix ?? 'rt';
  const config = loadConfig({ PARLEY_LOG_LEVEL: 'silent', ...opts.env });
  const http = createServer();
  const role = createRealtimeRole(
    { config, db, pubsub, prefix, metrics: createMetrics(), log: silentLog },
    http,
    { sweepMs: opts.sweepMs, credentialCheckMs: opts.credentialCheckMs },
  );
  for (const s of role.services) await s.start();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  return {
    db,
    pubsub,
    prefix,
    port,
    url: `http://127.0.0.1:${port}`,
    role,
    http,
    async stop() {
      role.io.disconnectSockets(true);
      for (const s of [...role.services].reverse()) await s.stop();
      await new Promise<void>((r) => role.io.close(() => r()));
      role.closeAdapter();
      if (!opts.pubsub) await pubsub.close();
      if (!opts.db) await db.close();
    },
  };
}

export interface TestTenant {
  tenantId: string;
  channelId: string;
  otherChannelId: string;
  /** Adds an agent with a personal token; `channels` it is a member of. */
  agent(role?: Role, channels?: string[]): Promise<{ agentId: string; token: string }>;
  /** Commits entries to the log as a real change would. */
  commit(entries: NewEntry[]): Promise<number[]>;
  conversation(channelId: string, assigneeId?: string | null): Promise<string>;
}

const box = createSecretBox(randomBytes(32).toString('hex'));

export async function createTestTenant(
  node: Pick<TestNode, 'db' | 'pubsub' | 'prefix'>,
): Promise<TestTenant> {
  const { db } = node;
  const tenantId = (await db.tx((q) => createTenant(q, 'rt'))).id;
  const channel = (name: string) =>
    db.tx((q) =>
      addChannel(q, box, tenantId, { name, phoneNumberId: `${Date.now()}${randomBytes(4).toString('hex')}` }),
    );
  const channelId = (await channel('main')).id;
  const otherChannelId = (await channel('other')).id;
  return {
    tenantId,
    channelId,
    otherChannelId,
    async agent(role = 'agent', channels = []) {
      const email = `${randomBytes(5).toString('hex')}@rt.test`;
      // Straight into the table: tokens need no password, and argon2 per agent is slow.
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO agents (tenant_id, email, name, role) VALUES ($1, $2, $2, $3) RETURNING id',
        [tenantId, email, role],
      );
      const id = rows[0]!.id;
      for (const c of channels)
        await db.query('INSERT INTO channel_members (channel_id, agent_id) VALUES ($1, $2)', [c, id]);
      const { token } = await createApiToken(db, tenantId, 'test', { agentId: id });
      return { agentId: id, token };
    },
    async commit(entries) {
      const { seqs } = await commitChanges(db, node.pubsub, node.prefix, tenantId, async () => ({
        value: null,
        entries,
      }));
      return seqs;
    },
    async conversation(channelId, assigneeId = null) {
      const { rows } = await db.query<{ id: string }>(
        `WITH k AS (INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, $2) RETURNING id)
         INSERT INTO conversations (tenant_id, channel_id, contact_id, assignee_id) SELECT $1, $3, k.id, $4 FROM k RETURNING id`,
        [tenantId, randomBytes(6).toString('hex'), channelId, assigneeId],
      );
      return rows[0]!.id;
    },
  };
}

export const messageEntry = (scope: EntryScope, n = 0): NewEntry => ({
  type: 'message.created',
  entityId: randomBytes(8).toString('hex'),
  data: { n },
  scope,
});

export interface Recorded {
  socket: ClientSocket;
  events: Record<string, unknown>[];
  signals: Record<string, unknown>[];
  /** Resolves when `pick` returns a value for what has been received (now or later). */
  until<T>(pick: () => T | undefined, timeoutMs?: number): Promise<T>;
  emitAck(event: string, payload: unknown): Promise<Record<string, unknown>>;
  close(): void;
}

/** Connects and records; rejects with the connect_error when the handshake is refused. */
export function connect(
  url: string,
  auth: { token?: string } = {},
  headers?: Record<string, string>,
): Promise<Recorded> {
  const socket = connectClient(url, {
    path: REALTIME_PATH,
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  const events: Record<string, unknown>[] = [];
  const signals: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const poke = () => {
    for (const w of waiters) w();
  };
  socket.on(SOCKET_EVENT, (e: Record<string, unknown>) => {
    events.push(e);
    poke();
  });
  socket.on(SOCKET_SIGNAL, (s: Record<string, unknown>) => {
    signals.push(s);
    poke();
  });
  const rec: Recorded = {
    socket,
    events,
    signals,
    until(pick, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const v = pick();
          if (v === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(v);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`nothing matched within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    emitAck(event, payload) {
      return socket.timeout(5000).emitWithAck(event, payload) as Promise<Record<string, unknown>>;
    },
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(rec));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The sync route alone, over the node's database: what a reconnecting client pulls from. */
export async function startSyncApp(db: Db): Promise<{
  pull(
    token: string,
    cursor: number,
    limit?: number,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, silentLog);
  await app.register(fastifyCookie);
  // The sync routes use only the database of the context.
  await app.register(syncRoutes, { ctx: { db } as unknown as AppContext });
  await app.ready();
  return {
    async pull(token, cursor, limit = 500) {
      const res = await app.inject({
        url: `/api/v1/sync?cursor=${cursor}&limit=${limit}`,
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    },
    close: () => app.close(),
  };
}
