// Outgoing webhooks against a real receiver on this machine: down, then back up. Every event is
// delivered, none lost; a repeat carries the same idempotency key and body; a conversation's events
// arrive in commit order; a delivery held by a dead worker goes out again when its lease ends.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch } from '../net/guarded-fetch.ts';
import { apiClient, createTenantFixture, type TenantFixture } from '../test-support/inbox-fixture.ts';
import type { TestServer } from '../test-support/test-server.ts';
import { deliverOnce } from './deliver.ts';
import { dispatchOnce } from './dispatch.ts';
import { createPostWebhook } from './post-webhook.ts';
import { SIGNATURE_HEADER, verifyDelivery } from './signature.ts';

interface Received {
  key: string;
  body: string;
  seq: number;
  event: string;
  conversationId: string | null;
  signed: boolean;
}

/** A receiver that can be switched between answering 200 and 503, or closed. */
async function receiver(secretOf: () => string) {
  const got: Received[] = [];
  let mode: 'up' | 'failing' = 'up';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (mode === 'failing') {
        res.writeHead(503).end('down for maintenance');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const parsed = JSON.parse(body) as {
        seq: number;
        event: string;
        data: { conversationId?: string };
        entityId: string;
      };
      got.push({
        key: String(req.headers['idempotency-key']),
        body,
        seq: parsed.seq,
        event: parsed.event,
        conversationId:
          parsed.data.conversationId ?? (parsed.event.startsWith('conversation.') ? parsed.entityId : null),
        signed: verifyDelivery(secretOf(), String(req.headers[SIGNATURE_HEADER]), body),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    got,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    set: (m: typeof mode) => {
      mode = m;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export function outgoingWebhooksContract(
  open: () => Promise<{ server: TestServer; close: () => Promise<void> }>,
) {
  let server: TestServer;
  let close: () => Promise<void>;
  let A: TenantFixture;
  let B: TenantFixture;
  let secret = '';
  let hookId = '';
  let rx: Awaited<ReturnType<typeof receiver>>;
  const log = pino({ level: 'silent' });
  // The receiver is on this machine: let 127.0.0.1 in, as PARLEY_FETCH_ALLOW does for a server.
  const postWebhook = createPostWebhook(createGuardedFetch({ allow: ['127.0.0.1'] }));

  beforeAll(async () => {
    ({ server, close } = await open());
    A = await createTenantFixture(server.ctx, 'WA');
    B = await createTenantFixture(server.ctx, 'WB');
    rx = await receiver(() => secret);
  });
  afterAll(async () => {
    await rx?.close();
    await close?.();
  });

  // The worker's own chore runs too, every second; these passes make the test's progress explicit.
  const pass = (retryDelay = () => 20) =>
    dispatchOnce(server.ctx.db).then(() =>
      deliverOnce({
        db: server.ctx.db,
        box: server.ctx.box,
        log,
        post: postWebhook,
        retryDelay,
        timeoutMs: 5000,
      }),
    );

  it('subscribes, shows the secret once, and keeps another tenant out', async () => {
    const api = apiClient(server.baseUrl, A.owner.token);
    const made = await api('POST', '/api/v1/webhooks', {
      url: rx.url,
      eventTypes: ['message.created', 'note.created', 'conversation.updated'],
      description: 'CRM',
    });
    expect(made.status, made.text).toBe(201);
    const sub = made.body as { id: string; secret: string; pending: number };
    secret = sub.secret;
    expect(secret).toMatch(/^whsec_/);
    const list = await api('GET', '/api/v1/webhooks');
    expect(list.text).not.toContain(secret);
    hookId = sub.id;
    expect((list.body as { webhooks: { id: string }[] }).webhooks.map((w) => w.id)).toEqual([
      A.webhookId,
      sub.id,
    ]);
    const other = apiClient(server.baseUrl, B.owner.token);
    expect((await other('GET', `/api/v1/webhooks/${sub.id}/deliveries`)).status).toBe(404);
    expect((await other('PATCH', `/api/v1/webhooks/${sub.id}`, { active: false })).status).toBe(404);
    expect((await other('GET', '/api/v1/webhooks')).text).not.toContain(sub.id);
    expect((await apiClient(server.baseUrl, A.agent.token)('GET', '/api/v1/webhooks')).status).toBe(403);
    const bad = await api('POST', '/api/v1/webhooks', {
      url: 'ftp://example.com',
      eventTypes: ['message.created'],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('http or https URL');
  });

  it('delivers every event once the receiver is back, in order per conversation, duplicates only by key', async () => {
    const api = apiClient(server.baseUrl, A.owner.token);
    rx.set('failing');
    // Notes on two conversations, interleaved, and B's notes, which A's subscription never sees.
    const conversations = [A.conversationId, A.hiddenConversationId];
    for (let i = 0; i < 12; i++) {
      const res = await api('POST', `/api/v1/conversations/${conversations[i % 2]}/notes`, {
        body: `note ${i}`,
      });
      expect(res.status, res.text).toBe(201);
      await apiClient(server.baseUrl, B.owner.token)(
        'POST',
        `/api/v1/conversations/${B.conversationId}/notes`,
        {
          body: `b ${i}`,
        },
      );
    }
    for (let i = 0; i < 3; i++) await pass();
    expect(rx.got).toHaveLength(0);
    const { rows: sub } = await server.ctx.db.query<{ failures: number; last_error: string }>(
      'SELECT failures, last_error FROM webhook_subscriptions WHERE id = $1',
      [hookId],
    );
    expect(sub[0]!.failures).toBeGreaterThan(0);
    expect(sub[0]!.last_error).toBe('answered 503');

    rx.set('up');
    await expect
      .poll(
        async () => {
          await pass();
          return new Set(rx.got.map((g) => g.key)).size;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(12);
    const { rows: expected } = await server.ctx.db.query<{ seq: string }>(
      "SELECT seq FROM event_log WHERE tenant_id = $1 AND type = 'note.created' ORDER BY seq",
      [A.tenantId],
    );
    const keys = new Set(rx.got.map((g) => g.key));
    expect([...keys].map((k) => Number(k.split(':')[1])).sort((a, b) => a - b)).toEqual(
      expected.map((r) => Number(r.seq)),
    );
    expect(rx.got.every((g) => g.signed)).toBe(true);
    expect(rx.got.every((g) => g.event === 'note.created')).toBe(true);
    // A repeat is the same delivery: same key, same body.
    const byKey = new Map<string, string>();
    for (const g of rx.got) {
      if (byKey.has(g.key)) expect(g.body).toBe(byKey.get(g.key));
      byKey.set(g.key, g.body);
    }
    for (const c of conversations) {
      const seqs = rx.got.filter((g) => g.conversationId === c).map((g) => g.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(6);
    }
    expect(rx.got.some((g) => g.body.includes(B.marker))).toBe(false);
  });

  it('sends again, with the same key, a delivery whose worker died holding it', async () => {
    const db = server.ctx.db;
    const api = apiClient(server.baseUrl, A.owner.token);
    expect(
      (await api('POST', `/api/v1/conversations/${A.conversationId}/notes`, { body: 'held' })).status,
    ).toBe(201);
    await dispatchOnce(db);
    // A worker claimed it and was killed: the lease is in the future and nothing was sent.
    await db.query(
      "UPDATE webhook_deliveries SET lease_until = now() + interval '1 hour', attempts = 1 WHERE subscription_id = $1 AND status = 'pending'",
      [hookId],
    );
    const before = rx.got.length;
    await pass();
    expect(rx.got.length).toBe(before);
    await db.query(
      "UPDATE webhook_deliveries SET lease_until = now() - interval '1 second' WHERE tenant_id = $1 AND status = 'pending'",
      [A.tenantId],
    );
    await pass();
    expect(rx.got.length).toBe(before + 1);
    const { rows } = await db.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY id DESC LIMIT 1',
      [hookId],
    );
    expect(rows[0]).toEqual({ status: 'delivered', attempts: 2 });
  });

  it('keeps a delivery log, pages it, and replays a delivery with its original key', async () => {
    const api = apiClient(server.baseUrl, A.owner.token);
    const id = hookId;
    const page1 = (await api('GET', `/api/v1/webhooks/${id}/deliveries?limit=5`)).body as {
      deliveries: { id: number; idempotencyKey: string; status: string }[];
    };
    expect(page1.deliveries).toHaveLength(5);
    expect(page1.deliveries.every((d) => d.status === 'delivered')).toBe(true);
    const page2 = (
      await api('GET', `/api/v1/webhooks/${id}/deliveries?limit=50&before=${page1.deliveries[4]!.id}`)
    ).body as {
      deliveries: { id: number }[];
    };
    expect(page2.deliveries).toHaveLength(8);
    const oldest = page2.deliveries.at(-1)!;
    const replay = await api('POST', `/api/v1/webhooks/${id}/deliveries/${oldest.id}/replay`);
    expect(replay.status, replay.text).toBe(202);
    const before = rx.got.length;
    await pass();
    expect(rx.got.length).toBe(before + 1);
    const key = rx.got.at(-1)!.key;
    expect(rx.got.filter((g) => g.key === key).length).toBeGreaterThanOrEqual(2);
    expect((await api('POST', `/api/v1/webhooks/${id}/deliveries/999999999/replay`)).status).toBe(404);
  });

  describe('pausing', () => {
    it('skips what happens while paused and starts at the present when resumed', async () => {
      const api = apiClient(server.baseUrl, A.owner.token);
      const id = hookId;
      expect((await api('PATCH', `/api/v1/webhooks/${id}`, { active: false })).status).toBe(200);
      await api('POST', `/api/v1/conversations/${A.conversationId}/notes`, { body: 'while paused' });
      await pass();
      const before = rx.got.length;
      const resumed = await api('PATCH', `/api/v1/webhooks/${id}`, { active: true });
      expect((resumed.body as { active: boolean }).active).toBe(true);
      await api('POST', `/api/v1/conversations/${A.conversationId}/notes`, { body: 'after resume' });
      await pass();
      expect(rx.got.slice(before).map((g) => JSON.parse(g.body).data.body)).toEqual(['after resume']);
      expect((await api('DELETE', `/api/v1/webhooks/${id}`)).status).toBe(204);
      expect((await api('GET', `/api/v1/webhooks/${id}/deliveries`)).status).toBe(404);
    });
  });
}
