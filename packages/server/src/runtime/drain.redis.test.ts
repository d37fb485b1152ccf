// Each role, run as its own process in scale mode, drains on SIGTERM and exits 0: a realtime node
// with open sockets (websocket and long-polling) tells them to reconnect elsewhere and exits
// without its watchdog; a gateway finishes a request still arriving after the old 5-second cut;
// a worker and an API process stop cleanly.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { REALTIME_PATH } from '@parley/sync';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/credentials.ts';
import * as webhook from '../ingest/webhook-builders.test-support.ts';
import type { Db } from '../store/db.ts';
import { openPostgres } from '../store/postgres.ts';
import { eventually } from '../test-support/eventually.ts';
import { type RoleProcess, startRole } from '../test-support/role-process.ts';
import {
  type ScaleModeFixture,
  scaleModeFixture,
  scaleServicesAvailable,
} from '../test-support/scale-mode.ts';

const svc = await scaleServicesAvailable();

describe.skipIf(!svc.ok)(`SIGTERM drains each role${svc.ok ? '' : `: skipped, ${svc.reason}`}`, () => {
  let fx: ScaleModeFixture;
  let env: Record<string, string>;
  let db: Db;
  const started: RoleProcess[] = [];
  const role = async (name: string) => {
    const p = await startRole(name, env);
    started.push(p);
    return p;
  };

  beforeAll(async () => {
    fx = await scaleModeFixture('drain');
    env = {
      ...fx.env,
      DATABASE_URL: fx.databaseUrl,
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_ADMIN_EMAIL: 'owner@drain.test',
      PARLEY_ADMIN_PASSWORD: 'drain-password-1',
    };
    // The first process migrates and seeds; the others find it done.
    await (await role('api')).terminate();
    db = await openPostgres(fx.databaseUrl);
  });
  afterAll(async () => {
    for (const p of started) await p.kill();
    await db?.close();
    await fx?.drop();
  });

  async function ownerToken(): Promise<string> {
    const { rows } = await db.query<{ id: string; tenant_id: string }>(
      `SELECT id, tenant_id FROM agents WHERE email = 'owner@drain.test'`,
    );
    const owner = rows[0]!;
    return (await createApiToken(db, owner.tenant_id, 'drain', { agentId: owner.id })).token;
  }

  it('a realtime node with sockets tells them to reconnect and exits 0', async () => {
    const node = await role('realtime');
    const token = await ownerToken();
    const sockets: Socket[] = [];
    const reasons: string[] = [];
    for (const transports of [['websocket'], ['polling']]) {
      const s = connectClient(node.url, {
        path: REALTIME_PATH,
        auth: { token },
        transports,
        forceNew: true,
        reconnectionDelay: 60_000,
      });
      s.on('disconnect', (reason) => reasons.push(reason));
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
      sockets.push(s);
    }
    try {
      const { code, signal } = await node.terminate();
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      await eventually('both sockets told', () => reasons.length === 2);
      // Closed transports, not a server-side disconnect: a Socket.IO client reconnects after
      // these (through the load balancer, to a node that runs); after a disconnect it would not.
      expect(reasons).not.toContain('io server disconnect');
      for (const s of sockets) expect(s.active).toBe(true);
    } finally {
      for (const s of sockets) s.close();
    }
    expect(node.output()).not.toMatch(/shutdown did not finish/);
  });

  it('a gateway finishes a request in flight, even one still arriving after 5 seconds, and exits 0', async () => {
    const gateway = await role('gateway');
    const body = JSON.stringify(
      webhook.single(webhook.message('text', { text: { body: 'in flight' } }, { from: '16505559000' })),
    );
    const signature = `sha256=${createHmac('sha256', env.WHATSAPP_APP_SECRET!).update(body).digest('hex')}`;
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(`${gateway.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-hub-signature-256': signature,
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // Half the body now, the rest after SIGTERM and past the 5 s the old stop waited.
      req.write(body.slice(0, 40));
      setTimeout(() => {
        void gateway.terminate();
        setTimeout(() => req.end(body.slice(40)), 6000);
      }, 300);
    });
    expect(await answered).toBe(200);
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
  });

  it('a worker and an API process stop cleanly with exit 0', async () => {
    const [worker, api] = [await role('worker'), await role('api')];
    expect(await worker.terminate()).toEqual({ code: 0, signal: null });
    expect(await api.terminate()).toEqual({ code: 0, signal: null });
  });
});
