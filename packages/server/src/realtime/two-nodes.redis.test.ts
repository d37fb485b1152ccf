// Two Parley processes-in-process on one PostgreSQL and one Redis (scale mode): node A runs every
// role, node B only realtime. Log entries reach B's sockets through B's own relay (woken over
// Redis pub/sub); typing and presence cross through Socket.IO's Redis adapter.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/credentials.ts';
import { loadConfig } from '../config/env.ts';
import {
  contact,
  entry,
  envelope,
  message,
  messagesChange,
} from '../ingest/webhook-builders.test-support.ts';
import { type Running, runRoles } from '../runtime/run-roles.ts';
import {
  createTestDatabase,
  dropRedisPrefix,
  postgresAvailable,
  redisAvailable,
  redisEnv,
  uniqueName,
} from '../test-support/services.ts';
import { connect, type Recorded, silentLog } from './realtime.test-support.ts';

const pg = await postgresAvailable();
const redis = pg.ok ? await redisAvailable() : pg;
const APP_SECRET = 'two-nodes-app-secret';
// Long enough to look at presence from node A while node B's grace runs, on a busy machine.
const GRACE_MS = 1500;

describe.skipIf(!pg.ok || !redis.ok)(`two realtime nodes (${pg.reason}, ${redis.reason})`, () => {
  let a: Running;
  let b: Running;
  let drop: () => Promise<void>;
  let dataDir: string;
  const prefix = uniqueName('rt2n');
  const open: Recorded[] = [];
  const url = (n: Running) => `http://127.0.0.1:${n.port}`;
  const tab = async (n: Running, token: string) => {
    const c = await connect(url(n), { token });
    open.push(c);
    return c;
  };
  let tenantId: string;
  const agentToken = async (role: 'owner' | 'agent' = 'owner') => {
    const email = `${randomBytes(5).toString('hex')}@two.test`;
    const { rows } = await a.ctx.db.query<{ id: string }>(
      'INSERT INTO agents (tenant_id, email, name, role) VALUES ($1, $2, $2, $3) RETURNING id',
      [tenantId, email, role],
    );
    const agentId = rows[0]!.id;
    return { agentId, token: (await createApiToken(a.ctx.db, tenantId, 't', { agentId })).token };
  };

  beforeAll(async () => {
    const tdb = await createTestDatabase();
    drop = tdb.drop;
    dataDir = mkdtempSync(join(tmpdir(), 'parley-2n-'));
    const env = (port: string) => ({
      DATABASE_URL: tdb.url,
      ...redisEnv(),
      PORT: port,
      HOST: '127.0.0.1',
      PARLEY_DATA_DIR: dataDir,
      PARLEY_QUEUE_PREFIX: prefix,
      PARLEY_LOG_LEVEL: 'silent',
      PARLEY_PRESENCE_GRACE_MS: String(GRACE_MS),
      PARLEY_ADMIN_EMAIL: 'owner@two.test',
      PARLEY_ADMIN_PASSWORD: 'two-nodes-password',
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'two-nodes-verify',
      PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
    });
    a = await runRoles('start', loadConfig(env('0')), silentLog);
    b = await runRoles('realtime', loadConfig(env('0')), silentLog);
    tenantId = a.seeded!.tenantId;
  }, 180_000);

  afterAll(async () => {
    for (const c of open) c.close();
    await b?.stop();
    await a?.stop();
    await dropRedisPrefix(prefix);
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('delivers to a client on node B an event written through node A (a signed webhook), once', async () => {
    const onB = await tab(b, (await agentToken()).token);
    const wamid = `wamid.TWO${randomBytes(4).toString('hex')}`;
    const body = JSON.stringify(
      envelope(
        entry([
          messagesChange({
            contacts: [contact('16505550001')],
            messages: [
              message('text', { text: { body: 'hello from A' } }, { from: '16505550001', id: wamid }),
            ],
          }),
        ]),
      ),
    );
    const res = await fetch(`${url(a)}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`,
      },
      body,
    });
    expect(res.status).toBe(200);
    const got = await onB.until(
      () =>
        onB.events.find(
          (e) =>
            e['type'] === 'message.created' &&
            (e['data'] as Record<string, unknown>)['waMessageId'] === wamid,
        ),
      20_000,
    );
    expect(got['tenantId']).toBe(tenantId);
    const seqs = onB.events.map((e) => e['seq'] as number);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('carries a typing signal from a client on A to a client on B through the Redis adapter', async () => {
    const conversationId = (
      await a.ctx.db.query<{ id: string }>('SELECT id FROM conversations WHERE tenant_id = $1 LIMIT 1', [
        tenantId,
      ])
    ).rows[0]!.id;
    const typist = await agentToken();
    const onA = await tab(a, typist.token);
    const onB = await tab(b, (await agentToken()).token);
    for (const c of [onA, onB])
      expect(await c.emitAck('subscribe', { conversationId })).toEqual({ ok: true });
    expect(await onA.emitAck('typing', { conversationId })).toEqual({ ok: true });
    const got = await onB.until(() => onB.signals.find((s) => s['type'] === 'typing'));
    expect(got).toMatchObject({ tenantId, data: { conversationId, agentId: typist.agentId } });
  });

  it('a logout through node A closes the socket of that session on node B', async () => {
    const res = await fetch(`${url(a)}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@two.test', password: 'two-nodes-password' }),
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const onB = await connect(url(b), {}, { cookie });
    open.push(onB);
    const gone = new Promise<string>((resolve) => onB.socket.once('disconnect', resolve));
    const out = await fetch(`${url(a)}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });

  it('a team joined through node A moves the rooms of the agent on node B', async () => {
    const owner = await agentToken();
    const { agentId, token } = await agentToken('agent');
    const onB = await tab(b, token);
    const res = await fetch(`${url(a)}/api/v1/teams`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ name: `team-${randomBytes(3).toString('hex')}`, memberIds: [agentId] }),
    });
    expect(res.status).toBe(201);
    const { id: teamId } = (await res.json()) as { id: string };
    const roomsOnB = async () => {
      const s = (await b.io!.local.fetchSockets()).find((x) => x.id === onB.socket.id);
      return [...(s?.rooms ?? [])];
    };
    await expect.poll(roomsOnB, { timeout: 10_000 }).toContain(`t:${tenantId}:tm:${teamId}`);
  });

  it("shows an agent online on node A while node B's grace period runs, offline after it", async () => {
    const { agentId, token } = await agentToken('agent');
    const onB = await tab(b, token);
    expect((await a.presence!.presenceOf(tenantId)).get(agentId)).toBe('online');
    onB.close();
    // Node B has seen the tab go: from here on only its grace keeps the agent shown.
    await expect
      .poll(async () => (await b.io!.in(`t:${tenantId}:a:${agentId}`).fetchSockets()).length, {
        timeout: GRACE_MS / 2,
      })
      .toBe(0);
    expect((await a.presence!.presenceOf(tenantId)).get(agentId)).toBe('online');
    await expect
      .poll(async () => (await a.presence!.presenceOf(tenantId)).get(agentId), { timeout: GRACE_MS * 4 })
      .toBe('offline');
  });

  it('counts presence across nodes: offline only when the last tab on any node closes', async () => {
    const watcher = await tab(a, (await agentToken()).token);
    const { agentId, token } = await agentToken('agent');
    const statuses = () =>
      watcher.signals
        .filter(
          (s) => s['type'] === 'presence' && (s['data'] as Record<string, unknown>)['agentId'] === agentId,
        )
        .map((s) => (s['data'] as Record<string, unknown>)['status']);
    const tabA = await tab(a, token);
    const tabB = await tab(b, token);
    await watcher.until(() => (statuses().includes('online') ? true : undefined));
    expect((await a.presence!.presenceOf(tenantId)).get(agentId)).toBe('online');
    tabA.close();
    await new Promise((r) => setTimeout(r, GRACE_MS * 3));
    expect(statuses()).not.toContain('offline');
    // Node A has no socket of the agent left, yet counts the tab on node B.
    expect((await a.presence!.presenceOf(tenantId)).get(agentId)).toBe('online');
    tabB.close();
    await watcher.until(() => (statuses().includes('offline') ? true : undefined), 10_000);
    expect((await a.presence!.presenceOf(tenantId)).get(agentId)).toBe('offline');
  });
});
