// Tenants are walls (DESIGN rule 8). Two tenants with agents, teams, channels and conversations;
// every route of the OpenAPI document is called as each side's agents against the other side's
// ids, and as a plain agent against conversations outside its sight. Every such call is refused,
// and nothing of the other side shows in any answer. Routes come from the document itself, so a
// new route is covered (or fails here, asking for a fixture id) the day it is added.
import { SOCKET_EVENT } from '@parley/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitChanges } from '../events/commit-changes.ts';
import { apiClient, createTenantFixture, type TenantFixture } from '../test-support/inbox-fixture.ts';
import { sampleJsonSchema } from '../test-support/sample-json-schema.ts';
import { openSocket } from '../test-support/socket-client.ts';
import type { TestServer } from '../test-support/test-server.ts';

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: { name: string; required: boolean; schema: Record<string, unknown> }[];
  body: Record<string, unknown> | null;
}

type OpenApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; required?: boolean; schema: Record<string, unknown> }[];
        requestBody?: { content?: Record<string, { schema: Record<string, unknown> }> };
      }
    >
  >;
};

/** Routes that need no tenant caller: logging in, and the load balancer's probes. */
const PUBLIC = new Set(['POST /api/v1/auth/login', 'GET /readyz', 'GET /healthz', 'GET /metrics']);
const INSTANCE_ADMIN = /^\/api\/v1\/admin\//;

function operations(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      query: (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema })),
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
}

/** The id of `fx` a path parameter names: by the resource before it in the path. */
function idFor(fx: TenantFixture, path: string, param: string, hidden = false): string {
  if (param === 'messageId') return hidden ? fx.hiddenMessageId : fx.messageId;
  if (param === 'deliveryId') return fx.webhookDeliveryId;
  if (param === 'macroId') return fx.macroId;
  if (param === 'tenantId') return fx.tenantId;
  const segments = path.split('/');
  // /api/v1/scheduling/services/{id}: the resource is the segment before the parameter.
  const resource = segments[3] === 'scheduling' ? segments[4] : segments[3];
  const ids: Record<string, string> = {
    agents: fx.agent.id,
    teams: fx.teamId,
    tokens: fx.agent.tokenId,
    channels: hidden ? fx.hiddenChannelId : fx.channelId,
    conversations: hidden ? fx.hiddenConversationId : fx.conversationId,
    contacts: hidden ? fx.hiddenContactId : fx.contactId,
    'canned-responses': fx.cannedId,
    // The fixture holds no media yet: a message id stands in (still another tenant's row id).
    media: fx.messageId,
    services: fx.serviceId,
    staff: fx.staffId,
    labels: fx.labelName,
    webhooks: fx.webhookId,
    macros: fx.macroId,
  };
  const id = resource ? ids[resource] : undefined;
  if (!id) throw new Error(`tenant walls: no fixture id for {${param}} of ${path}; add one to idFor()`);
  return id;
}

/** Every id and marker of a tenant: none may appear in the other tenant's answers. */
const secretsOf = (fx: TenantFixture): string[] => [
  fx.marker,
  fx.tenantId,
  fx.owner.id,
  fx.agent.id,
  fx.loner.id,
  fx.teamId,
  fx.channelId,
  fx.hiddenChannelId,
  fx.contactId,
  fx.hiddenContactId,
  fx.conversationId,
  fx.hiddenConversationId,
  fx.messageId,
  fx.hiddenMessageId,
  fx.noteId,
  fx.cannedId,
  fx.agent.tokenId,
  fx.serviceId,
  fx.staffId,
  fx.icsToken,
  fx.webhookId,
  fx.macroId,
];

function request(op: Operation, fx: TenantFixture, target: TenantFixture, hidden = false) {
  let path = op.path;
  for (const p of op.params) path = path.replace(`{${p}}`, idFor(target, op.path, p, hidden));
  const hints = {
    uuid: fx.agent.id,
    // The caller's own feed token: it must not open the other tenant's calendar.
    property: (name: string) => (name === 'q' ? 'shared-word' : name === 'token' ? fx.icsToken : undefined),
  };
  const qs = new URLSearchParams();
  for (const q of op.query)
    if (q.required || q.name === 'q' || q.name === 'token')
      qs.set(q.name, String(sampleJsonSchema(q.schema, hints, q.name)));
  const body = op.body ? sampleJsonSchema(op.body, hints) : undefined;
  return { path: qs.size > 0 ? `${path}?${qs}` : path, body };
}

const unrouted = (text: string) => text.includes('No route ');
const leaks = (text: string, secrets: string[]) => secrets.filter((s) => text.includes(s));

export function tenantWallsContract(
  open: () => Promise<{ server: TestServer; close: () => Promise<void> }>,
): void {
  let server: TestServer;
  let close: () => Promise<void>;
  let A: TenantFixture;
  let B: TenantFixture;
  let ops: Operation[];

  beforeAll(async () => {
    ({ server, close } = await open());
    A = await createTenantFixture(server.ctx, 'A');
    B = await createTenantFixture(server.ctx, 'B');
    const doc = (await apiClient(server.baseUrl, null)('GET', '/api/v1/openapi.json')).body as OpenApiDoc;
    ops = operations(doc);
  });
  afterAll(async () => {
    await close?.();
  });

  const tenantRoutes = () =>
    ops.filter((o) => !PUBLIC.has(`${o.method} ${o.path}`) && !INSTANCE_ADMIN.test(o.path));

  it('the OpenAPI document lists the inbox routes', () => {
    const listed = new Set(ops.map((o) => `${o.method} ${o.path}`));
    for (const route of [
      'GET /api/v1/conversations',
      'POST /api/v1/conversations/{id}/assign',
      'POST /api/v1/conversations/{id}/notes',
      'POST /api/v1/contacts/{id}/merge',
      'GET /api/v1/search',
      'GET /api/v1/audit-log',
      'PUT /api/v1/channels/{id}/members',
      'DELETE /api/v1/tokens/{id}',
    ])
      expect(listed).toContain(route);
  });

  it('every operation of the OpenAPI document has a summary, a tag and a described success answer', async () => {
    const doc = (await apiClient(server.baseUrl, null)('GET', '/api/v1/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { summary?: string; tags?: string[]; responses?: Record<string, unknown> }>
      >;
    };
    const undocumented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(
          ([, op]) =>
            !op.summary ||
            !op.tags?.length ||
            !Object.keys(op.responses ?? {}).some((c) => c.startsWith('2')),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undocumented).toEqual([]);
    // Error answers are described too, in their one shape.
    const assign = doc.paths['/api/v1/conversations/{id}/assign']?.['post']?.responses ?? {};
    expect(Object.keys(assign)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
  });

  it("every route refuses the other tenant's ids: 404 for owners, 403 or 404 for agents", async () => {
    const failures: string[] = [];
    for (const [side, other] of [
      [A, B],
      [B, A],
    ] as const) {
      for (const [who, caller, allowed] of [
        ['owner', side.owner, [404]],
        ['agent', side.agent, [403, 404]],
      ] as const) {
        const call = apiClient(server.baseUrl, caller.token);
        for (const op of tenantRoutes().filter((o) => o.params.length > 0)) {
          const { path, body } = request(op, side, other);
          const res = await call(op.method, path, body);
          const leaked = leaks(
            res.text,
            secretsOf(other).filter((s) => !path.includes(s)),
          );
          // A 404 of the router ("No route") would pass for the wrong reason: the handler must refuse.
          if (!(allowed as readonly number[]).includes(res.status) || leaked.length > 0 || unrouted(res.text))
            failures.push(
              `${who} ${op.method} ${path} → ${res.status} ${leaked.length ? `leaks ${leaked}` : res.text.slice(0, 200)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('routes without ids answer with nothing of the other tenant', async () => {
    const failures: string[] = [];
    for (const [side, other] of [
      [A, B],
      [B, A],
    ] as const) {
      for (const caller of [side.owner, side.agent, side.loner]) {
        const call = apiClient(server.baseUrl, caller.token);
        for (const op of tenantRoutes().filter((o) => o.params.length === 0)) {
          const { path, body } = request(op, side, other);
          const res = await call(op.method, path, body);
          const leaked = leaks(res.text, secretsOf(other));
          if (res.status >= 500 || leaked.length > 0)
            failures.push(
              `${caller.email} ${op.method} ${path} → ${res.status} ${leaked.length ? `leaks ${leaked}` : res.text.slice(0, 200)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("search, lists and counts find only the caller's own tenant", async () => {
    const call = apiClient(server.baseUrl, A.owner.token);
    const hits = (await call('GET', '/api/v1/search?q=shared-word')).body as {
      items: { kind: string; message?: { id: string } }[];
    };
    expect(hits.items.map((h) => h.message?.id).sort()).toEqual([A.messageId, A.hiddenMessageId].sort());
    expect(((await call('GET', `/api/v1/search?q=${B.marker}`)).body as { items: unknown[] }).items).toEqual(
      [],
    );
    const list = (await call('GET', '/api/v1/conversations')).body as {
      items: { id: string; unreadCount?: number }[];
    };
    expect(list.items.map((c) => c.id).sort()).toEqual([A.conversationId, A.hiddenConversationId].sort());
    expect(list.items.every((c) => c.unreadCount === 1)).toBe(true);
    const contacts = (await call('GET', '/api/v1/contacts')).body as { items: { id: string }[] };
    expect(contacts.items.map((c) => c.id).sort()).toEqual([A.contactId, A.hiddenContactId].sort());
  });

  it('a plain agent is refused every conversation route for a conversation outside its sight', async () => {
    const failures: string[] = [];
    const conversationRoutes = tenantRoutes().filter((o) =>
      /^\/api\/v1\/(conversations|contacts)\/\{id\}/.test(o.path),
    );
    expect(conversationRoutes.length).toBeGreaterThan(5);
    for (const caller of [A.agent, A.loner]) {
      const call = apiClient(server.baseUrl, caller.token);
      for (const op of conversationRoutes) {
        const { path, body } = request(op, A, A, true);
        const res = await call(op.method, path, body);
        if (![403, 404].includes(res.status) || res.text.includes(A.marker) || unrouted(res.text))
          failures.push(`${caller.email} ${op.method} ${path} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      const list = (await call('GET', '/api/v1/conversations')).body as { items: { id: string }[] };
      expect(list.items.map((c) => c.id)).not.toContain(A.hiddenConversationId);
      const hits = (await call('GET', '/api/v1/search?q=secret')).body as { items: unknown[] };
      expect(hits.items).toEqual([]);
      const contacts = (await call('GET', '/api/v1/contacts')).body as { items: { id: string }[] };
      expect(contacts.items.map((c) => c.id)).not.toContain(A.hiddenContactId);
    }
    expect(failures).toEqual([]);
    // The team member does see the conversation of its team's channel.
    const seen = (await apiClient(server.baseUrl, A.agent.token)('GET', '/api/v1/conversations')).body as {
      items: { id: string }[];
    };
    expect(seen.items.map((c) => c.id)).toEqual([A.conversationId]);
  });

  it("the other tenant's ids in a request body are refused", async () => {
    const call = apiClient(server.baseUrl, A.owner.token);
    const attempts: [string, string, unknown][] = [
      ['POST', `/api/v1/conversations/${A.conversationId}/assign`, { assigneeId: B.agent.id }],
      ['POST', `/api/v1/conversations/${A.conversationId}/assign`, { assigneeId: null, teamId: B.teamId }],
      ['POST', `/api/v1/conversations/${A.conversationId}/notes`, { body: 'hi', mentions: [B.agent.id] }],
      ['PUT', `/api/v1/teams/${A.teamId}/members`, { agentIds: [B.agent.id] }],
      ['PUT', `/api/v1/channels/${A.channelId}/members`, { agentIds: [B.agent.id] }],
      ['PUT', `/api/v1/channels/${A.channelId}/members`, { teamIds: [B.teamId] }],
      ['POST', `/api/v1/contacts/${A.contactId}/merge`, { intoId: B.contactId }],
      ['POST', '/api/v1/teams', { name: 'Raiders', memberIds: [B.agent.id] }],
      ['GET', `/api/v1/conversations?channelId=${B.channelId}`, undefined],
      ['GET', `/api/v1/conversations?view=team&teamId=${B.teamId}`, undefined],
      ['GET', `/api/v1/assignment/waiting?channelId=${B.channelId}`, undefined],
      ['PUT', `/api/v1/channels/${A.channelId}/assignment`, { policy: 'manual', afterHoursTeamId: B.teamId }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(method, path, body);
      expect([400, 404], `${method} ${path} ${JSON.stringify(body)} → ${res.status}`).toContain(res.status);
    }
    const own = (await call('GET', `/api/v1/conversations/${A.conversationId}`)).body as {
      conversation: { assigneeId: string | null; teamId: string | null };
    };
    expect(own.conversation.assigneeId).toBeNull();
  });

  it("a hand-off, a bot and a channel's bot refuse the other tenant's ids with 400 naming them", async () => {
    const call = apiClient(server.baseUrl, A.owner.token);
    const newBot = (handoffTeamId: string) =>
      call('POST', '/api/v1/bots', {
        kind: 'webhook',
        name: 'Walls bot',
        webhookUrl: 'https://bot.example.test/hook',
        handoffTeamId,
      });
    const created = await newBot(B.teamId);
    expect(created.status).toBe(400);
    expect(created.text).toContain(`handoffTeamId: no team of your tenant has the id ${B.teamId}`);
    const bot = await newBot(A.teamId);
    expect(bot.status).toBe(201);
    const {
      id: botId,
      token: botToken,
      agentId: botAgent,
    } = bot.body as {
      id: string;
      token: string;
      agentId: string;
    };
    const { id: otherBot } = (
      await apiClient(server.baseUrl, B.owner.token)('POST', '/api/v1/bots', {
        kind: 'webhook',
        name: 'B bot',
        webhookUrl: 'https://bot.example.test/b',
      })
    ).body as { id: string };
    const bind = await call('PUT', `/api/v1/channels/${A.channelId}/bot`, { botId: otherBot });
    expect(bind.status).toBe(400);
    expect(bind.text).toContain(otherBot);
    // A bot holds A's conversation: the hand-off is possible, only the ids are wrong.
    await server.ctx.db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [
      A.conversationId,
      botAgent,
    ]);
    await server.ctx.db.query(
      "INSERT INTO bot_sessions (conversation_id, tenant_id, bot_id, status) VALUES ($1, $2, $3, 'active') ON CONFLICT (conversation_id) DO UPDATE SET status = 'active', bot_id = EXCLUDED.bot_id",
      [A.conversationId, A.tenantId, botId],
    );
    for (const token of [A.owner.token, botToken]) {
      const res = await apiClient(server.baseUrl, token)(
        'POST',
        `/api/v1/conversations/${A.conversationId}/handoff`,
        {
          reason: 'walls',
          agentId: B.agent.id,
          teamId: B.teamId,
        },
      );
      expect(res.status).toBe(400);
      expect(res.text).toContain(`agentId: no active agent of your tenant has the id ${B.agent.id}`);
      expect(res.text).toContain(`teamId: no team of your tenant has the id ${B.teamId}`);
    }
    const own = (await call('GET', `/api/v1/conversations/${A.conversationId}`)).body as {
      conversation: { assigneeId: string | null; teamId: string | null };
    };
    expect(own.conversation).toMatchObject({ assigneeId: botAgent, teamId: null });
    const load = await server.ctx.db.query(
      'SELECT 1 FROM assignment_load WHERE tenant_id = $1 AND open_count > 0',
      [B.tenantId],
    );
    expect(load.rows).toEqual([]);
    await server.ctx.db.query('DELETE FROM bot_sessions WHERE conversation_id = $1', [A.conversationId]);
    await server.ctx.db.query('UPDATE conversations SET assignee_id = NULL WHERE id = $1', [
      A.conversationId,
    ]);
  });

  it("the other tenant's data is intact after every attempt", async () => {
    const call = apiClient(server.baseUrl, B.owner.token);
    expect((await apiClient(server.baseUrl, B.agent.token)('GET', '/api/v1/me')).status).toBe(200);
    const conv = (await call('GET', `/api/v1/conversations/${B.conversationId}`)).body as {
      conversation: { status: string; labels: string[]; assigneeId: string | null };
    };
    expect(conv.conversation).toMatchObject({ status: 'open', labels: [], assigneeId: null });
    expect((await call('GET', `/api/v1/teams/${B.teamId}`)).status).toBe(200);
    expect((await call('GET', `/api/v1/canned-responses/${B.cannedId}`)).status).toBe(200);
    expect((await call('GET', `/api/v1/contacts/${B.contactId}`)).status).toBe(200);
    const agent = (await call('GET', `/api/v1/agents/${B.agent.id}`)).body as {
      disabled: boolean;
      role: string;
    };
    expect(agent).toMatchObject({ disabled: false, role: 'agent' });
  });

  it("instance admin routes refuse a tenant owner's token", async () => {
    const admin = ops.filter((o) => INSTANCE_ADMIN.test(o.path));
    expect(admin.length).toBeGreaterThan(0);
    for (const op of admin) {
      const body = op.body ? sampleJsonSchema(op.body, { uuid: A.tenantId }) : {};
      const res = await apiClient(server.baseUrl, A.owner.token)(op.method, op.path, body);
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it("a socket of one tenant never receives the other tenant's events, even when it asks to join them", async () => {
    const received: { tenantId: string; seq: number; type: string }[] = [];
    const socket = await openSocket(server.baseUrl, A.owner.token);
    try {
      socket.on(SOCKET_EVENT, (e: { tenantId: string; seq: number; type: string }) => received.push(e));
      // Ask for the other side's rooms: the server decides joins, so these must change nothing.
      const refused = await socket
        .timeout(5000)
        .emitWithAck('subscribe', { conversationId: B.conversationId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const typing = await socket.timeout(5000).emitWithAck('typing', { conversationId: B.conversationId });
      expect(typing).toMatchObject({ ok: false });
      socket.emit('subscribe', B.conversationId);
      const asB = apiClient(server.baseUrl, B.owner.token);
      expect(
        (await asB('POST', `/api/v1/conversations/${B.conversationId}/notes`, { body: 'B only' })).status,
      ).toBe(201);
      expect(
        (await asB('PUT', `/api/v1/conversations/${B.conversationId}/labels`, { labels: ['b-only'] })).status,
      ).toBe(200);
      // Then a change of A's own: once it arrives, B's earlier entries would have arrived too.
      const asA = apiClient(server.baseUrl, A.owner.token);
      expect(
        (await asA('PUT', `/api/v1/conversations/${A.conversationId}/labels`, { labels: ['a-own'] })).status,
      ).toBe(200);
      await expect
        .poll(() => received.some((e) => e.type === 'conversation.updated'), { timeout: 10_000 })
        .toBe(true);
      expect(received.length).toBeGreaterThan(0);
      expect(received.filter((e) => e.tenantId !== A.tenantId)).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });

  it("an entry whose scope names the other tenant's agent, team and channel never reaches that tenant", async () => {
    // The event log has no keys on its scope (a log keeps what happened): a bad row is possible
    // there, and the rooms, named inside the entry's tenant, must still keep it home.
    const received: { tenantId: string; seq: number }[] = [];
    const socket = await openSocket(server.baseUrl, B.agent.token);
    try {
      socket.on(SOCKET_EVENT, (e: { tenantId: string; seq: number }) => received.push(e));
      const { ctx } = server;
      const stray = {
        channelId: B.channelId,
        agentId: B.agent.id,
        teamId: B.teamId,
        extraAgentId: B.agent.id,
      };
      await commitChanges(ctx.db, ctx.pubsub, ctx.prefix, A.tenantId, async () => ({
        value: null,
        entries: [
          { type: 'conversation.updated', entityId: A.conversationId, data: { labels: ['x'] }, scope: stray },
        ],
      }));
      // Then one of B's own for B's agent: once it arrives, A's stray entry would have arrived too.
      const fence = await commitChanges(ctx.db, ctx.pubsub, ctx.prefix, B.tenantId, async () => ({
        value: null,
        entries: [
          {
            type: 'conversation.updated',
            entityId: B.conversationId,
            data: { labels: [] },
            scope: { agentId: B.agent.id },
          },
        ],
      }));
      await expect.poll(() => received.some((e) => e.seq === fence.seqs[0]), { timeout: 10_000 }).toBe(true);
      expect(received.filter((e) => e.tenantId !== B.tenantId)).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });

  it('a plain agent cannot join the room of a conversation outside its sight', async () => {
    const socket = await openSocket(server.baseUrl, A.agent.token, false);
    try {
      const hidden = await socket
        .timeout(5000)
        .emitWithAck('subscribe', { conversationId: A.hiddenConversationId });
      expect(hidden).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const own = await socket.timeout(5000).emitWithAck('subscribe', { conversationId: A.conversationId });
      expect(own).toMatchObject({ ok: true });
    } finally {
      socket.disconnect();
    }
  });
}
