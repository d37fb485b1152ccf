// A whole Parley (startTestServer: every role, embedded or PostgreSQL) wired to the WhatsApp
// simulator both ways: the simulator's webhooks go to Parley's gateway, Parley's Graph calls go
// through a fault proxy to the simulator. Helpers speak the REST API with a personal token.
import { randomUUID } from 'node:crypto';
import type { Message } from '@parley/sync';
import { createSimulator, type Simulator, type SimulatorOptions } from '@parley/wa-sim';
import { createApiToken } from '../auth/credentials.ts';
import { commitChanges } from '../events/commit-changes.ts';
import { loadConversation } from '../store/entities.ts';
import { eventually } from '../test-support/eventually.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import { type GraphProxy, startGraphProxy } from './graph-proxy.test-support.ts';
import { insertSend } from './insert-send.ts';

export const APP_SECRET = 'outbound-test-secret';

export interface OutboundHarness {
  server: TestServer;
  sim: Simulator;
  proxy: GraphProxy;
  token: string;
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** A customer writes (opening the 24-hour window); resolves with the conversation id. */
  customerWrites(waId: string, text?: string): Promise<string>;
  message(id: string): Promise<Message & { error: Record<string, unknown> | null }>;
  /** Commits a text send as the API does, without the job it appends after: as if it died there. */
  storedWithoutJob(conversationId: string, text: string): Promise<string>;
  waitFor<T>(
    what: string,
    probe: () => Promise<T | null | undefined | false>,
    timeoutMs?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  databaseUrl?: string;
  sim?: Partial<SimulatorOptions>;
  env?: Record<string, string>;
}

export async function startOutboundHarness(opts: HarnessOptions = {}): Promise<OutboundHarness> {
  const proxy = await startGraphProxy();
  const server = await startTestServer({
    ...(opts.databaseUrl && { databaseUrl: opts.databaseUrl }),
    env: {
      WHATSAPP_GRAPH_URL: proxy.url,
      // The simulator and the tests' webhook bots listen on loopback: allowed explicitly.
      PARLEY_FETCH_ALLOW: '127.0.0.1',
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'outbound-test-verify',
      ...opts.env,
    },
  });
  const sim = createSimulator({
    webhookUrl: `${server.baseUrl}/webhooks/whatsapp`,
    appSecret: APP_SECRET,
    statusTiming: { sentAfterMs: 5, deliveredAfterMs: 10, readAfterMs: 20, readRate: 1 },
    retry: { baseMs: 20 },
    ...opts.sim,
  });
  await sim.start();
  proxy.target = sim.url;
  const { rows } = await server.ctx.db.query<{ id: string }>(
    'SELECT id FROM agents WHERE tenant_id = $1 ORDER BY created_at LIMIT 1',
    [server.admin.tenantId],
  );
  const { token } = await createApiToken(server.ctx.db, server.admin.tenantId, 'outbound tests', {
    agentId: rows[0]!.id,
  });

  const api: OutboundHarness['api'] = async (method, path, body) => {
    const res = await fetch(server.baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  };

  const waitFor: OutboundHarness['waitFor'] = (what, probe, timeoutMs = 15_000) =>
    eventually(what, probe, timeoutMs);

  const h: OutboundHarness = {
    server,
    sim,
    proxy,
    token,
    api,
    waitFor,
    async customerWrites(waId, text = 'Hello, I need help') {
      await sim.sendText(waId, text);
      return waitFor(`a conversation with ${waId}`, async () => {
        const r = await server.ctx.db.query<{ id: string }>(
          'SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = $1',
          [waId],
        );
        return r.rows[0]?.id;
      });
    },
    async message(id) {
      const r = await server.ctx.db.query<Record<string, unknown>>(
        `SELECT id, status, wa_message_id AS "waMessageId", error, body, kind FROM messages WHERE id = $1`,
        [id],
      );
      return r.rows[0] as never;
    },
    async storedWithoutJob(conversationId, text) {
      const { db, pubsub, prefix } = server.ctx;
      const tenantId = server.admin.tenantId;
      const { value } = await commitChanges(db, pubsub, prefix, tenantId, async (q) => {
        const conversation = await loadConversation(q, tenantId, conversationId);
        if (!conversation) throw new Error(`no conversation ${conversationId}`);
        return insertSend(q, {
          tenantId,
          agentId: null,
          conversation,
          send: { clientId: randomUUID(), kind: 'text', body: { body: text } },
        });
      });
      return value.message.id;
    },
    async close() {
      await sim.stop();
      await server.stop();
      await proxy.close();
    },
  };
  return h;
}
