// The inbox's operations through the REST API, end to end against a running server. Run with the
// accounts suite on the embedded default (inbox-operations.test.ts) and on PostgreSQL (.pg.test.ts).
import { type Conversation, REALTIME_PATH, SOCKET_EVENT, type SyncEntry } from '@parley/sync';
import { io as connect } from 'socket.io-client';
import { expect, it } from 'vitest';
import type { TestServer } from '../test-support/test-server.ts';
import { apiKit, body, type Call, type ConversationPage, type WriteAnswer } from './api-test-kit.ts';

export function inboxOperationsContract(getServer: () => TestServer): void {
  const { as, cursorOf, syncAfter, fresh } = apiKit(getServer);
  let server: TestServer;
  const init = () => {
    server = getServer();
  };

  it('a transfer reaches the previous assignee flagged visibleToYou: false, and the new one flagged true', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const loner = as(t.loner.token);
    const start = await cursorOf(loner);
    const given = await body<WriteAnswer>(
      owner,
      'POST',
      `/api/v1/conversations/${t.hiddenConversationId}/assign`,
      {
        assigneeId: t.loner.id,
      },
    );
    expect(given.conversation.assigneeId).toBe(t.loner.id);
    expect(given.visibleToYou).toBeUndefined();
    const gained = await syncAfter(loner, start);
    expect(gained).toEqual([
      expect.objectContaining({
        type: 'conversation.updated',
        entityId: t.hiddenConversationId,
        data: { assigneeId: t.loner.id, teamId: null, visibleToYou: true, updatedAt: expect.any(String) },
      }),
    ]);

    const socket = connect(server.baseUrl, {
      path: REALTIME_PATH,
      auth: { token: t.loner.token },
      transports: ['websocket'],
      reconnection: false,
    });
    const live: (SyncEntry & { data?: Record<string, unknown> })[] = [];
    socket.on(SOCKET_EVENT, (e: SyncEntry) => live.push(e));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve());
        socket.on('connect_error', reject);
      });
      const before = await cursorOf(loner);
      // The loner hands it on to a team and its member: it leaves the loner's sight.
      const away = await body<WriteAnswer>(
        loner,
        'POST',
        `/api/v1/conversations/${t.hiddenConversationId}/assign`,
        {
          assigneeId: t.agent.id,
          teamId: t.teamId,
        },
      );
      expect(away.visibleToYou).toBe(false);
      const lost = await syncAfter(loner, before);
      expect(lost).toEqual([
        expect.objectContaining({
          data: {
            assigneeId: t.agent.id,
            teamId: t.teamId,
            visibleToYou: false,
            updatedAt: expect.any(String),
          },
        }),
      ]);
      await expect
        .poll(() => live.find((e) => e.seq === lost[0]!.seq), { timeout: 10_000 })
        .toMatchObject({
          data: { visibleToYou: false, assigneeId: t.agent.id },
        });
      expect((await loner('GET', `/api/v1/conversations/${t.hiddenConversationId}`)).status).toBe(404);
      // Later entries about it are hidden from the loner.
      const after = await cursorOf(loner);
      await body(owner, 'PUT', `/api/v1/conversations/${t.hiddenConversationId}/labels`, {
        labels: ['later'],
      });
      expect((await syncAfter(loner, after)).map((e) => e.type)).toEqual(['hidden']);
    } finally {
      socket.disconnect();
    }
  });

  it('status: snoozing needs a time in the future; resolving clears it; the list filters by status', async () => {
    init();
    const t = await fresh();
    const agent = as(t.agent.token);
    const path = `/api/v1/conversations/${t.conversationId}/status`;
    expect((await agent('POST', path, { status: 'snoozed' })).status).toBe(400);
    expect(
      (
        await agent('POST', path, {
          status: 'snoozed',
          snoozedUntil: new Date(Date.now() - 1000).toISOString(),
        })
      ).status,
    ).toBe(400);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = await body<WriteAnswer>(agent, 'POST', path, { status: 'snoozed', snoozedUntil: until });
    expect(snoozed.conversation).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    const resolved = await body<WriteAnswer>(agent, 'POST', path, { status: 'resolved' });
    expect(resolved.conversation).toMatchObject({ status: 'resolved', snoozedUntil: null });
    expect(resolved.conversation.version).toBeGreaterThan(snoozed.conversation.version);
    const list = await body<ConversationPage>(agent, 'GET', '/api/v1/conversations?status=resolved');
    expect(list.items.map((c) => c.id)).toEqual([t.conversationId]);
    expect((await body<ConversationPage>(agent, 'GET', '/api/v1/conversations?status=open')).items).toEqual(
      [],
    );
  });

  it('labels are replaced as a set (trimmed, lower-case, once each) and filter the list', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const res = await body<WriteAnswer>(owner, 'PUT', `/api/v1/conversations/${t.conversationId}/labels`, {
      labels: ['VIP', 'vip', ' new '],
    });
    expect(res.conversation.labels).toEqual(['new', 'vip']);
    const list = await body<ConversationPage>(owner, 'GET', '/api/v1/conversations?label=%20VIP');
    expect(list.items.map((c) => c.id)).toEqual([t.conversationId]);
  });

  it('the list views: mine, unassigned, a team', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    await body(owner, 'POST', `/api/v1/conversations/${t.conversationId}/assign`, {
      assigneeId: t.owner.id,
      teamId: t.teamId,
    });
    const ids = async (qs: string) =>
      (await body<ConversationPage>(owner, 'GET', `/api/v1/conversations?${qs}`)).items.map((c) => c.id);
    expect(await ids('view=mine')).toEqual([t.conversationId]);
    expect(await ids('view=unassigned')).toEqual([t.hiddenConversationId]);
    expect(await ids(`view=team&teamId=${t.teamId}`)).toEqual([t.conversationId]);
    expect(await ids(`channelId=${t.hiddenChannelId}`)).toEqual([t.hiddenConversationId]);
  });

  it('counts: each list of open conversations, and those I may answer that wait unread', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const agent = as(t.agent.token);
    const counts = (call: Call, qs = '') =>
      body<Record<string, number>>(call, 'GET', `/api/v1/conversations/counts${qs}`);
    // Both conversations are open, unassigned and unread; the agent sees only its channel's.
    expect(await counts(owner)).toEqual({ mine: 0, unassigned: 2, team: 0, all: 2, waiting: 2 });
    expect(await counts(agent)).toEqual({ mine: 0, unassigned: 1, team: 0, all: 1, waiting: 1 });
    await body(owner, 'POST', `/api/v1/conversations/${t.conversationId}/assign`, {
      assigneeId: t.owner.id,
      teamId: t.teamId,
    });
    // Assigned to the owner in the agent's team: the agent's team list counts it, and may answer it.
    expect(await counts(agent)).toEqual({ mine: 0, unassigned: 0, team: 1, all: 1, waiting: 1 });
    await body(owner, 'POST', `/api/v1/conversations/${t.conversationId}/read`);
    expect(await counts(owner)).toEqual({ mine: 1, unassigned: 1, team: 0, all: 2, waiting: 1 });
    await body(owner, 'POST', `/api/v1/conversations/${t.hiddenConversationId}/status`, {
      status: 'resolved',
    });
    expect(await counts(owner)).toEqual({ mine: 1, unassigned: 0, team: 0, all: 1, waiting: 0 });
    expect((await counts(owner, '?status=resolved')).all).toBe(1);
    expect((await counts(owner, '?status=any')).all).toBe(2);
  });

  it('mark read makes your unread count 0 and leaves everyone else’s alone', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const agent = as(t.agent.token);
    const unread = async (call: Call) =>
      (await body<ConversationPage>(call, 'GET', '/api/v1/conversations')).items.find(
        (c) => c.id === t.conversationId,
      )?.unreadCount;
    expect(await unread(owner)).toBe(1);
    const read = await body<WriteAnswer>(owner, 'POST', `/api/v1/conversations/${t.conversationId}/read`);
    expect(read.conversation.unreadCount).toBe(0);
    expect(await unread(owner)).toBe(0);
    expect(await unread(agent)).toBe(1);
    const one = await body<{ conversation: { unreadCount: number }; cursor: number }>(
      agent,
      'GET',
      `/api/v1/conversations/${t.conversationId}`,
    );
    expect(one.conversation.unreadCount).toBe(1);
  });

  it('a note is in the thread, and the agent it mentions gets mention.created even without seeing the conversation', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const loner = as(t.loner.token);
    const start = await cursorOf(loner);
    const { note } = await body<{ note: { id: string; mentions: string[] } }>(
      owner,
      'POST',
      `/api/v1/conversations/${t.conversationId}/notes`,
      { body: 'can you call them, @loner?', mentions: [t.loner.id, t.owner.id] },
    );
    // The author is not told about their own note.
    expect(note.mentions).toEqual([t.loner.id]);
    const entries = await syncAfter(loner, start);
    expect(entries.map((e) => e.type)).toEqual(['hidden', 'mention.created']);
    expect(entries[1]).toMatchObject({
      data: { agentId: t.loner.id, noteId: note.id, conversationId: t.conversationId },
    });
    const thread = await body<{ items: { itemType: string; id: string }[] }>(
      owner,
      'GET',
      `/api/v1/conversations/${t.conversationId}/messages`,
    );
    expect(thread.items.filter((i) => i.itemType === 'note').map((i) => i.id)).toContain(note.id);
    expect(
      (
        await owner('POST', `/api/v1/conversations/${t.conversationId}/notes`, {
          body: 'x',
          mentions: [crypto.randomUUID()],
        })
      ).status,
    ).toBe(400);
  });

  it('canned responses: admins keep them, everyone finds them by shortcode prefix', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const agent = as(t.agent.token);
    expect((await agent('POST', '/api/v1/canned-responses', { shortcode: 'bye', body: 'Bye!' })).status).toBe(
      403,
    );
    const made = await body<{ id: string; shortcode: string }>(owner, 'POST', '/api/v1/canned-responses', {
      shortcode: 'Bye',
      body: 'Bye!',
    });
    expect(made.shortcode).toBe('bye');
    expect(
      (await owner('POST', '/api/v1/canned-responses', { shortcode: 'bye', body: 'again' })).status,
    ).toBe(409);
    expect(
      (await owner('POST', '/api/v1/canned-responses', { shortcode: 'no spaces', body: 'x' })).status,
    ).toBe(400);
    const found = await body<{ items: { shortcode: string }[] }>(
      agent,
      'GET',
      '/api/v1/canned-responses?prefix=by',
    );
    expect(found.items.map((c) => c.shortcode)).toEqual(['bye']);
    const changed = await body<{ body: string }>(owner, 'PATCH', `/api/v1/canned-responses/${made.id}`, {
      body: 'See you',
    });
    expect(changed.body).toBe('See you');
    expect((await owner('DELETE', `/api/v1/canned-responses/${made.id}`)).status).toBe(204);
    expect((await owner('GET', `/api/v1/canned-responses/${made.id}`)).status).toBe(404);
  });

  it('editing a contact logs contact.updated and patches its conversations', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const start = await cursorOf(owner);
    const edited = await body<{ name: string; attributes: Record<string, unknown> }>(
      owner,
      'PATCH',
      `/api/v1/contacts/${t.contactId}`,
      {
        name: 'Maria Silva',
        attributes: { plan: 'gold', city: 'Porto' },
      },
    );
    expect(edited).toMatchObject({ name: 'Maria Silva', attributes: { plan: 'gold', city: 'Porto' } });
    const cleared = await body<{ attributes: Record<string, unknown> }>(
      owner,
      'PATCH',
      `/api/v1/contacts/${t.contactId}`,
      {
        attributes: { city: null },
      },
    );
    expect(cleared.attributes).toEqual({ plan: 'gold' });
    const entries = await syncAfter(owner, start);
    expect(entries.filter((e) => e.type === 'contact.updated')).toHaveLength(2);
    expect(entries.find((e) => e.type === 'conversation.updated')).toMatchObject({
      entityId: t.conversationId,
      data: { contact: { id: t.contactId, name: 'Maria Silva' } },
    });
    const agent = as(t.agent.token);
    expect((await agent('PATCH', `/api/v1/contacts/${t.hiddenContactId}`, { name: 'x' })).status).toBe(404);
  });

  it('merging contacts moves conversations, and folds a conversation on a shared channel into the kept one', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const db = server.ctx.db;
    // A duplicate of the hidden contact, with a conversation on the visible channel and one on the hidden channel.
    const dup = (
      await db.query<{ id: string }>(
        "INSERT INTO contacts (tenant_id, user_id, name) VALUES ($1, 'bsuid-1', 'Dup') RETURNING id",
        [t.tenantId],
      )
    ).rows[0]!.id;
    const [onVisible, onHidden] = await Promise.all(
      [t.channelId, t.hiddenChannelId].map(async (ch) => {
        const c = await db.query<{ id: string }>(
          'INSERT INTO conversations (tenant_id, channel_id, contact_id, last_message_at) VALUES ($1, $2, $3, now()) RETURNING id',
          [t.tenantId, ch, dup],
        );
        await db.query(
          `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status) VALUES ($1, $2, 'in', 'text', '{"kind":"text","body":"dup says hi"}', 'received')`,
          [t.tenantId, c.rows[0]!.id],
        );
        return c.rows[0]!.id;
      }),
    );
    // Rows of other features follow the merge: an appointment of the duplicate, in the folded conversation.
    const appointment = await db.query<{ id: string }>(
      `INSERT INTO appointments (tenant_id, contact_id, conversation_id, service_id, staff_id, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, now() + interval '1 day', now() + interval '1 day 30 minutes') RETURNING id`,
      [t.tenantId, dup, onVisible, t.serviceId, t.staffId],
    );
    // Target: the visible contact, which already has a conversation on the visible channel.
    const agent = as(t.agent.token);
    expect((await agent('POST', `/api/v1/contacts/${dup}/merge`, { intoId: t.contactId })).status).toBe(403);
    const merged = await body<{
      contact: { id: string; userId: string | null };
      movedConversations: number;
      mergedConversations: number;
    }>(owner, 'POST', `/api/v1/contacts/${dup}/merge`, { intoId: t.contactId });
    expect(merged).toMatchObject({
      movedConversations: 1,
      mergedConversations: 1,
      contact: { id: t.contactId },
    });
    expect((await owner('GET', `/api/v1/contacts/${dup}`)).status).toBe(404);
    expect((await owner('GET', `/api/v1/conversations/${onVisible}`)).status).toBe(404);
    const moved = await body<{ conversation: Conversation }>(
      owner,
      'GET',
      `/api/v1/conversations/${onHidden}`,
    );
    expect(moved.conversation.contact.id).toBe(t.contactId);
    const thread = await body<{ items: { itemType: string; body?: { body?: string } }[] }>(
      owner,
      'GET',
      `/api/v1/conversations/${t.conversationId}/messages`,
    );
    expect(thread.items.filter((i) => i.itemType === 'message').map((i) => i.body?.body)).toContain(
      'dup says hi',
    );
    const detail = await body<{ conversationIds: string[] }>(owner, 'GET', `/api/v1/contacts/${t.contactId}`);
    expect(detail.conversationIds.sort()).toEqual([t.conversationId, onHidden].sort());
    const followed = await db.query<{ contact_id: string; conversation_id: string }>(
      'SELECT contact_id, conversation_id FROM appointments WHERE id = $1',
      [appointment.rows[0]!.id],
    );
    expect(followed.rows[0]).toEqual({ contact_id: t.contactId, conversation_id: t.conversationId });
    expect(
      (await owner('POST', `/api/v1/contacts/${t.contactId}/merge`, { intoId: t.contactId })).status,
    ).toBe(400);
  });

  it('search finds words of messages and contacts, page by page', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    for (let i = 0; i < 3; i++) {
      await server.ctx.db.query(
        `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, created_at)
         VALUES ($1, $2, 'in', 'image', $3, 'received', now() - make_interval(secs => $4))`,
        [
          t.tenantId,
          t.conversationId,
          JSON.stringify({ kind: 'image', caption: `pineapple number ${i}` }),
          i,
        ],
      );
    }
    type Hits = {
      items: { kind: string; message?: { id: string }; contact?: { id: string } }[];
      nextPage: string | null;
    };
    const first = await body<Hits>(owner, 'GET', '/api/v1/search?q=pineapple&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextPage).not.toBeNull();
    const second = await body<Hits>(
      owner,
      'GET',
      `/api/v1/search?q=pineapple&limit=2&page=${first.nextPage}`,
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextPage).toBeNull();
    const ids = [...first.items, ...second.items].map((h) => h.message?.id);
    expect(new Set(ids).size).toBe(3);
    const byName = await body<Hits>(owner, 'GET', `/api/v1/search?q=hidden customer ${t.marker}&in=contacts`);
    expect(byName.items.map((h) => h.contact?.id)).toEqual([t.hiddenContactId]);
    expect((await body<Hits>(owner, 'GET', '/api/v1/search?q=pineapple -number')).items).toEqual([]);
  });

  it('the thread pages backwards: newest page first, oldest first within a page, notes in place', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    for (let i = 1; i <= 4; i++) {
      await server.ctx.db.query(
        `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, created_at)
         VALUES ($1, $2, 'in', 'text', $3, 'received', now() + make_interval(secs => $4))`,
        [t.tenantId, t.conversationId, JSON.stringify({ kind: 'text', body: `m${i}` }), i],
      );
    }
    type Page = { items: { itemType: string; body?: unknown }[]; nextPage: string | null };
    const text = (p: Page) =>
      p.items.map((i) => (i.itemType === 'note' ? 'note' : (i.body as { body: string }).body));
    const path = `/api/v1/conversations/${t.conversationId}/messages?limit=3`;
    const newest = await body<Page>(owner, 'GET', path);
    expect(text(newest)).toEqual(['m2', 'm3', 'm4']);
    const older = await body<Page>(owner, 'GET', `${path}&page=${newest.nextPage}`);
    // The fixture's first message and its note, then m1.
    expect(text(older)).toHaveLength(3);
    expect(text(older).at(-1)).toBe('m1');
    expect(text(older)).toContain('note');
    expect(older.nextPage).toBeNull();
  });
}
