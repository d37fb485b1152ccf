// A worker killed (SIGKILL) in the middle of a send, on PostgreSQL: the ledger says `started`, Meta
// has the message, Parley never wrote down the answer. The next worker must neither lose the
// message nor send it again: it marks it unknown, and the status webhook settles it.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimulator, type Simulator } from '@parley/wa-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/credentials.ts';
import type { Db } from '../store/db.ts';
import { openPostgres } from '../store/postgres.ts';
import { eventually } from '../test-support/eventually.ts';
import { createTestDatabase, postgresAvailable } from '../test-support/services.ts';
import {
  startTestServer,
  TEST_ADMIN_EMAIL,
  TEST_ADMIN_PASSWORD,
  type TestServer,
} from '../test-support/test-server.ts';
import { type GraphProxy, startGraphProxy } from './graph-proxy.test-support.ts';

const pg = await postgresAvailable();
const BIN = fileURLToPath(new URL('../../bin/parley.mjs', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 40_000) =>
  eventually(what, probe, ms);

describe.skipIf(!pg.ok)(
  `a worker killed mid-send (PostgreSQL) ${pg.ok ? '' : `— skipped: ${pg.reason}`}`,
  () => {
    let database: { url: string; drop(): Promise<void> };
    let proxy: GraphProxy;
    let sim: Simulator;
    let child: ChildProcess | null = null;
    let second: TestServer | null = null;
    let db: Db;
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
    let env: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase();
      proxy = await startGraphProxy();
      const port = await freePort();
      env = {
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        PARLEY_DATA_DIR: dataDir,
        PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
        PARLEY_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
        PARLEY_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        WHATSAPP_APP_SECRET: 'crash-secret',
        WHATSAPP_VERIFY_TOKEN: 'crash-verify',
        WHATSAPP_GRAPH_URL: proxy.url,
        PARLEY_FETCH_ALLOW: '127.0.0.1',
        PARLEY_LOG_LEVEL: 'warn',
      };
      sim = createSimulator({
        webhookUrl: `http://127.0.0.1:${port}/webhooks/whatsapp`,
        appSecret: 'crash-secret',
        autoStatuses: false,
        retry: { baseMs: 50 },
      });
      await sim.start();
      proxy.target = sim.url;
      child = spawn(process.execPath, [BIN, 'start'], { env: { ...process.env, ...env }, stdio: 'ignore' });
      // A child process booting on a busy machine: as long as e2e/support/parley-process.ts allows.
      await waitFor(
        'parley to start',
        async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok,
        150_000,
      );
      db = await openPostgres(database.url);
    });

    afterAll(async () => {
      child?.kill('SIGKILL');
      await second?.stop();
      await sim?.stop();
      await proxy?.close();
      await db?.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('marks the send unknown without sending it again, then settles it from the status webhook', async () => {
      const waId = '15550007777';
      await sim.sendText(waId, 'Hi, are you open today?');
      const conv = await waitFor('the conversation', async () => {
        const r = await db.query<{ id: string; tenant_id: string }>(
          'SELECT c.id, c.tenant_id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = $1',
          [waId],
        );
        return r.rows[0];
      });
      const agent = await db.query<{ id: string }>('SELECT id FROM agents WHERE tenant_id = $1', [
        conv.tenant_id,
      ]);
      const { token } = await createApiToken(db, conv.tenant_id, 'crash test', {
        agentId: agent.rows[0]!.id,
      });

      let release = () => {};
      proxy.fail({ hold: new Promise<void>((r) => (release = r)) });
      const res = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/conversations/${conv.id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: randomUUID(), kind: 'text', body: { body: 'Yes, until 6pm' } }),
      });
      expect(res.status).toBe(202);
      const { message } = (await res.json()) as { message: { id: string } };
      // Meta has the message; the worker waits for an answer that never comes: kill it now.
      await proxy.held();
      expect(sim.received()).toHaveLength(1);
      const ledger = await db.query<{ state: string }>(
        'SELECT state FROM outbound_sends WHERE message_id = $1',
        [message.id],
      );
      expect(ledger.rows[0]?.state).toBe('started');
      const exited = new Promise((r) => child!.once('exit', r));
      child!.kill('SIGKILL');
      await exited;
      child = null;
      release();

      second = await startTestServer({ databaseUrl: database.url, env });
      const unknown = await waitFor('the send to be marked unknown', async () => {
        const r = await db.query<{ status: string; wa_message_id: string | null }>(
          'SELECT status, wa_message_id FROM messages WHERE id = $1',
          [message.id],
        );
        return r.rows[0]?.status === 'unknown' ? r.rows[0] : null;
      });
      expect(unknown.wa_message_id).toBeNull();
      expect(proxy.seen.filter((s) => s.path.endsWith('/messages'))).toHaveLength(1);
      expect(sim.received()).toHaveLength(1);

      const atMeta = sim.received()[0]!;
      await sim.sendStatus({
        messageId: atMeta.id,
        recipientId: waId,
        status: 'delivered',
        bizOpaqueCallbackData: String(atMeta.payload.biz_opaque_callback_data),
      });
      const settled = await waitFor('the status webhook to settle it', async () => {
        const r = await db.query<{ status: string; wa_message_id: string | null }>(
          'SELECT status, wa_message_id FROM messages WHERE id = $1',
          [message.id],
        );
        return r.rows[0]?.status === 'delivered' ? r.rows[0] : null;
      });
      expect(settled.wa_message_id).toBe(atMeta.id);
      expect(sim.received()).toHaveLength(1);
    }, 90_000);
  },
);
