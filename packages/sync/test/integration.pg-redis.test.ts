// The sync client against the real server (needs PostgreSQL and Redis: Parley runs in scale mode).
// Two agents' stores over fetch + Socket.IO while customers write through signed webhooks (the
// WhatsApp simulator, which also answers the Graph API and sends status webhooks), agent A answers,
// assigns, transfers, labels and changes status, and agent B's network is cut for a while. Once
// everything quiesces, each store must equal what the REST API says, with its cursor at the head.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, redisAvailable } from '../../server/src/test-support/services.ts';
import {
  ConversationSchema,
  conversationOneSchema,
  conversationPageSchema,
  conversationWriteResponseSchema,
  type LogEntry,
  type Message,
  MessageSchema,
  type Note,
  NoteSchema,
  SyncPageSchema,
  sendMessageResponseSchema,
  threadPageSchema,
} from '../src/protocol.ts';
import { createSyncStore, type SyncStore } from '../src/store.ts';
import type { ThreadHandle } from '../src/threads.ts';
import type { ListQuery } from '../src/views.ts';
import { type CuttableTransport, cuttableTransport } from './cuttable-transport.ts';
import type { RealAgent, RealParley } from './real-parley.ts';

const pg = await postgresAvailable();
const redis = pg.ok ? await redisAvailable() : pg;

interface Client {
  agent: RealAgent;
  net: CuttableTransport;
  store: SyncStore;
  errors: unknown[];
  lists: ListQuery[];
  threads: Map<string, ThreadHandle>;
}

describe.skipIf(!pg.ok || !redis.ok)(
  `sync client against Parley in scale mode (${pg.reason}, ${redis.reason})`,
  () => {
    let p: RealParley;
    let sales: string;
    let support: string;
    const clients: Client[] = [];

    beforeAll(async () => {
      // Imported here, so a run without the services never loads the server.
      const { startRealParley } = await import('./real-parley.ts');
      p = await startRealParley();
      sales = await p.team('Sales', true);
      support = await p.team('Support', false);
    }, 180_000);

    afterAll(async () => {
      for (const c of clients) c.store.stop();
      await p?.close();
    }, 60_000);

    const client = (agent: RealAgent, pageSize: number): Client => {
      const net = cuttableTransport({
        baseUrl: p.server.baseUrl,
        token: agent.token,
        timeoutMs: 10_000,
        socket: { transports: ['websocket'], forceNew: true },
      });
      const errors: unknown[] = [];
      const store = createSyncStore({
        transport: net,
        me: { agentId: agent.agentId, teamIds: agent.teamIds },
        tenantId: p.tenantId,
        pageSize,
        pollMs: 300,
        retryMs: 300,
        onError: (err) => errors.push(err),
      });
      const c: Client = { agent, net, store, errors, lists: [{ view: 'all' }], threads: new Map() };
      clients.push(c);
      return c;
    };
    const open = (c: Client, id: string) => {
      if (!c.threads.has(id)) c.threads.set(id, c.store.thread(id));
    };
    const inThread = (c: Client, id: string, pick: (m: Message) => boolean) =>
      c.threads
        .get(id)
        ?.getSnapshot()
        .items.find((i) => i.itemType === 'message' && !i.optimistic && pick(i.message));

    it('answers what the sync client relies on (README, "What the client relies on")', async () => {
      const a = await p.agent('relies-a', [sales]);
      const b = await p.agent('relies-b', [support]);
      await p.customerWrites('5511900000000', 'warm-up'); // a log with entries: a cursor above 0
      const before = await p.head();
      const convId = await p.customerWrites('5511900000001', 'contract check');
      const rest = (ag: RealAgent, method: string, path: string, body?: unknown) =>
        p.api(ag.token, method, path, body);

      // 2. one conversation with its cursor; 404 for who cannot see it
      const one = await rest(a, 'GET', `/api/v1/conversations/${convId}`);
      expect(one.status).toBe(200);
      const parsed = conversationOneSchema.parse(one.body);
      expect(parsed.conversation.unreadCount).toBe(1);
      expect(parsed.cursor).toBeGreaterThanOrEqual(parsed.conversation.version);
      expect((await rest(b, 'GET', `/api/v1/conversations/${convId}`)).status).toBe(404);

      // 7. full rows on create (with conversationId), so a client that never held them can show them
      const note = await rest(a, 'POST', `/api/v1/conversations/${convId}/notes`, { body: 'VIP customer' });
      expect(note.status).toBe(201);
      const logged = SyncPageSchema.parse((await rest(a, 'GET', `/api/v1/sync?cursor=${before}`)).body);
      const full = (type: LogEntry['type']) => {
        const e = logged.entries.find((x) => x.type === type) as LogEntry | undefined;
        return e && { ...e.data, id: e.entityId, version: e.version };
      };
      expect(ConversationSchema.parse(full('conversation.created'))).toMatchObject({ id: convId });
      expect(MessageSchema.parse(full('message.created'))).toMatchObject({
        conversationId: convId,
        direction: 'in',
      });
      expect(NoteSchema.parse(full('note.created'))).toMatchObject({
        conversationId: convId,
        body: 'VIP customer',
      });

      // 4. a send answers 202 with the full row; the same clientId answers the same row, once stored
      const send = { clientId: 'relies-client-id-1', kind: 'text', body: { body: 'hello' } };
      const first = await rest(a, 'POST', `/api/v1/conversations/${convId}/messages`, send);
      const again = await rest(a, 'POST', `/api/v1/conversations/${convId}/messages`, send);
      expect([first.status, again.status]).toEqual([202, 202]);
      const m1 = sendMessageResponseSchema.parse(first.body).message;
      const m2 = sendMessageResponseSchema.parse(again.body).message;
      expect(m1).toMatchObject({ clientId: send.clientId, conversationId: convId, direction: 'out' });
      expect(m2.id).toBe(m1.id);
      const stored = await p.server.ctx.db.query('SELECT 1 FROM messages WHERE client_id = $1', [
        send.clientId,
      ]);
      expect(stored.rows).toHaveLength(1);

      // 3 and 1. a transfer answers the row; the reader who gains or loses it gets visibleToYou
      const cursorB = (await syncHead(b)) ?? 0;
      const toB = await rest(a, 'POST', `/api/v1/conversations/${convId}/assign`, { assigneeId: b.agentId });
      expect(toB, p.serverErrors.join('\n')).toMatchObject({ status: 200 });
      expect(conversationWriteResponseSchema.parse(toB.body)).toEqual({
        conversation: expect.objectContaining({ id: convId, assigneeId: b.agentId }),
      });
      const away = await rest(b, 'POST', `/api/v1/conversations/${convId}/assign`, {
        assigneeId: null,
        teamId: sales,
      });
      const awayBody = conversationWriteResponseSchema.parse(away.body);
      expect(awayBody.visibleToYou).toBe(false);
      expect(awayBody.conversation).toMatchObject({ assigneeId: null, teamId: sales });
      const pulled = SyncPageSchema.parse((await rest(b, 'GET', `/api/v1/sync?cursor=${cursorB}`)).body);
      const flips = pulled.entries.flatMap((e) =>
        e.type === 'conversation.updated' && e.entityId === convId && 'visibleToYou' in e.data
          ? [(e as LogEntry).data]
          : [],
      );
      // Every entry says when it committed (data.updatedAt, what the latency statistics read).
      const committedAt = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(flips).toEqual([
        { assigneeId: b.agentId, teamId: null, visibleToYou: true, updatedAt: committedAt },
        { assigneeId: null, teamId: sales, visibleToYou: false, updatedAt: committedAt },
      ]);

      // 3. status and labels answer the row with its new version; read answers unreadCount 0
      const labelled = conversationWriteResponseSchema.parse(
        (await rest(a, 'PUT', `/api/v1/conversations/${convId}/labels`, { labels: ['vip'] })).body,
      );
      expect(labelled.conversation.labels).toEqual(['vip']);
      expect(labelled.conversation.version).toBeGreaterThan(awayBody.conversation.version);
      const read = conversationWriteResponseSchema.parse(
        (await rest(a, 'POST', `/api/v1/conversations/${convId}/read`, {})).body,
      );
      expect(read.conversation.unreadCount).toBe(0);

      // 6. keyset pages of one row each walk the whole list in order, no row twice or skipped
      await p.customerWrites('5511900000002', 'second');
      await p.customerWrites('5511900000003', 'third');
      const whole = conversationPageSchema.parse(
        (await rest(a, 'GET', '/api/v1/conversations?view=all&limit=200')).body,
      ).items;
      const walked: string[] = [];
      let page: string | null = null;
      do {
        const qs: string = page === null ? '' : `&page=${encodeURIComponent(page)}`;
        const res = conversationPageSchema.parse(
          (await rest(a, 'GET', `/api/v1/conversations?view=all&limit=1${qs}`)).body,
        );
        walked.push(...res.items.map((c) => c.id));
        page = res.nextPage;
      } while (page !== null && walked.length < 50);
      expect(walked).toEqual(whole.map((c) => c.id));
      expect(whole.length).toBeGreaterThanOrEqual(3);

      // 6. thread pages too, when several messages share a millisecond (one webhook, one transaction)
      const burst = await p.customerBurst('5511900000004', ['one', 'two', 'three', 'four']);
      const thread = threadPageSchema.parse(
        (await rest(a, 'GET', `/api/v1/conversations/${burst}/messages?limit=500`)).body,
      ).items;
      expect(thread.map((i) => i.itemType === 'message' && i.body['body'])).toEqual([
        'one',
        'two',
        'three',
        'four',
      ]);
      const back: string[] = [];
      page = null;
      do {
        const qs: string = page === null ? '' : `&page=${encodeURIComponent(page)}`;
        const res = threadPageSchema.parse(
          (await rest(a, 'GET', `/api/v1/conversations/${burst}/messages?limit=1${qs}`)).body,
        );
        back.unshift(...res.items.map((i) => i.id));
        page = res.nextPage;
      } while (page !== null && back.length < 50);
      expect(back).toEqual(thread.map((i) => i.id));

      // The client's `team` view names no team: the caller's teams
      const teamView = async (ag: RealAgent) => {
        const res = await rest(ag, 'GET', '/api/v1/conversations?view=team&limit=50');
        expect(res.status).toBe(200);
        return conversationPageSchema.parse(res.body).items.map((c) => c.id);
      };
      expect(await teamView(b)).toEqual([]);
      await rest(a, 'POST', `/api/v1/conversations/${burst}/assign`, { assigneeId: null, teamId: support });
      expect(await teamView(b)).toEqual([burst]);
      expect(await teamView(a)).toEqual([convId]);
      await rest(a, 'POST', `/api/v1/conversations/${burst}/assign`, { assigneeId: null, teamId: null });
    }, 60_000);

    async function syncHead(ag: RealAgent): Promise<number | undefined> {
      const one = await p.api(ag.token, 'GET', '/api/v1/conversations?view=all&limit=1');
      return conversationPageSchema.parse(one.body).cursor;
    }

    it('keeps two agents equal to the server through traffic, transfers and a network cut', async () => {
      const agentA = await p.agent('alice', [sales]);
      const agentB = await p.agent('bob', [support]);
      const c1 = await p.customerWrites('5511911110001', 'Hi, my order is late');
      const c2 = await p.customerWrites('5511911110002', 'Do you ship abroad?');

      const A = client(agentA, 50);
      const B = client(agentB, 2); // small pages: B's lists and threads are walked page by page
      A.lists.push({ view: 'mine' }, { view: 'unassigned', status: 'open' });
      B.lists.push({ view: 'mine' }, { view: 'team' });
      await Promise.all([A.store.start(), B.store.start()]);
      for (const c of [A, B]) for (const q of c.lists) c.store.list(q);
      open(A, c1);
      open(A, c2);
      await p.waitFor('both sockets live', () =>
        A.store.status().connection === 'live' && B.store.status().connection === 'live' ? true : undefined,
      );
      expect(B.store.list({ view: 'all' }).getSnapshot()).toEqual([]); // B sees nothing yet

      // ---- everyone online ----
      expect(await A.store.assign(c1, { assigneeId: agentB.agentId })).toEqual({ ok: true });
      await p.waitFor('c1 given to B', () => B.store.conversation(c1));
      open(B, c1);
      const answer1 = A.store.send(c1, 'Sorry! Checking with the courier.');
      await p.waitFor('B to see A’s answer live', () => inThread(B, c1, (m) => m.clientId === answer1));
      expect(await A.store.setLabels(c2, ['abroad'])).toEqual({ ok: true });
      expect(await A.store.setStatus(c2, 'pending')).toEqual({ ok: true });
      expect(await A.store.assign(c2, { assigneeId: null, teamId: support })).toEqual({ ok: true });
      await p.waitFor('c2 given to B’s team', () => B.store.conversation(c2));
      open(B, c2);
      await p.waitFor('B to know A is online', () => (B.store.isOnline(agentA.agentId) ? true : undefined));
      await p.waitFor('B’s thread c1 subscribed', async () => {
        A.store.typing(c1);
        return B.store.typingIn(c1).includes(agentA.agentId) ? true : undefined;
      });
      await p.customerWrites('5511911110001', 'Thanks, waiting');

      // ---- B's network is cut; life goes on ----
      await B.store.whenIdle();
      const snapshotsBefore = B.store.stats().snapshots;
      B.net.cut();
      const offlineSend = B.store.send(c1, 'Typed while offline');
      expect(B.store.status().outbox).toBe(1);
      await p.customerWrites('5511911110001', 'Hello??');
      const c3 = await p.customerWrites('5511911110003', 'New customer here');
      const answer2 = A.store.send(c1, 'The courier says tomorrow.');
      await p.waitFor('A’s second answer accepted', () =>
        inThread(A, c1, (m) => m.clientId === answer2 && m.status !== 'pending'),
      );
      expect(await A.store.assign(c2, { assigneeId: agentA.agentId, teamId: sales })).toEqual({ ok: true });
      open(A, c3);
      expect(await A.store.assign(c3, { assigneeId: agentB.agentId })).toEqual({ ok: true });
      expect(await A.store.markRead(c1)).toEqual({ ok: true });
      await p.waitFor('B to try and fail a few times', () => (B.net.refused >= 3 ? true : undefined));
      expect(B.store.status().connection).toBe('polling');
      expect(inThread(B, c1, (m) => m.clientId === answer2)).toBeUndefined();

      B.net.restore();
      await p.waitFor('B’s offline send accepted', () => (B.store.status().outbox === 0 ? true : undefined));
      await p.waitFor('B to see A’s answer after the cut', () =>
        inThread(B, c1, (m) => m.clientId === answer2),
      );
      open(B, c3);
      await p.customerWrites('5511911110002', 'Any news on shipping?'); // hidden from B now
      await p.customerWrites('5511911110001', 'Great, thanks');
      expect(await B.store.markRead(c1)).toEqual({ ok: true });
      B.store.send(c3, 'Hi! I can help.');
      expect(await A.store.setStatus(c1, 'resolved')).toEqual({ ok: true });

      // ---- quiesce and compare ----
      const head = await p.quiesce();
      for (const c of [A, B]) {
        await p.waitFor('the store to reach the head', () =>
          c.store.status().cursor === head ? true : undefined,
        );
        await c.store.whenIdle();
      }
      expect(await p.head()).toBe(head);
      // B caught up by pulling from its cursor (repairs), with no reload (no new snapshot).
      expect(B.store.stats()).toMatchObject({ snapshots: snapshotsBefore });
      expect(B.store.stats().reconciliationRepairs).toBeGreaterThan(0);
      expect(inThread(B, c1, (m) => m.clientId === offlineSend)).toBeDefined();
      expect(B.store.thread(c2).getSnapshot().transferred).toEqual({
        assigneeId: agentA.agentId,
        teamId: sales,
      });
      expect(B.store.conversation(c2)).toBeUndefined();
      for (const c of [A, B]) await expectEqualToServer(c);
      const dup = await p.server.ctx.db.query(
        'SELECT client_id FROM messages WHERE client_id IS NOT NULL GROUP BY client_id HAVING count(*) > 1',
      );
      expect(dup.rows).toEqual([]);
      // No request of either client met a server error (a 500 would have been retried or rolled back).
      expect(p.serverErrors.filter((l) => l.includes('api: unexpected error'))).toEqual([]);
    }, 180_000);

    async function expectEqualToServer(c: Client): Promise<void> {
      const { store, agent } = c;
      expect(c.errors).toEqual([]);
      expect(store.status()).toMatchObject({ connection: 'live', outbox: 0 });
      for (const q of c.lists) {
        const list = store.list(q);
        for (let i = 0; i < 50 && list.hasMore(); i++) await list.loadMore();
        await store.whenIdle();
        const qs = new URLSearchParams({ view: q.view, ...(q.status && { status: q.status }), limit: '200' });
        const rest = conversationPageSchema.parse(
          (await p.api(agent.token, 'GET', `/api/v1/conversations?${qs}`)).body,
        );
        expect(rest.nextPage).toBeNull();
        expect(list.getSnapshot(), `list ${q.view} of ${agent.agentId}`).toEqual(rest.items);
      }
      for (const [id, handle] of c.threads) {
        const visible = await p.api(agent.token, 'GET', `/api/v1/conversations/${id}`);
        if (visible.status === 404) {
          expect(handle.getSnapshot().transferred).not.toBeNull();
          continue;
        }
        expect(store.conversation(id)).toEqual(conversationOneSchema.parse(visible.body).conversation);
        for (let i = 0; i < 50 && handle.getSnapshot().hasOlder; i++) await handle.loadOlder();
        await store.whenIdle();
        const rest = threadPageSchema.parse(
          (await p.api(agent.token, 'GET', `/api/v1/conversations/${id}/messages?limit=500`)).body,
        );
        const snap = handle.getSnapshot();
        expect(snap.items.filter((i) => i.itemType === 'message' && i.optimistic)).toEqual([]);
        const held = snap.items.map((i) => (i.itemType === 'message' ? i.message : i.note));
        const keys = snap.items.map((i) => i.key);
        expect(new Set(keys).size).toBe(keys.length);
        const serverRows: (Message | Note)[] = rest.items.map(({ itemType: _t, ...row }) => row);
        expect([...held].sort(byId), `thread ${id} of ${agent.agentId}`).toEqual([...serverRows].sort(byId));
      }
    }
  },
);

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
