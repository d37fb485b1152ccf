// Accounts and access through the REST API: agents, passwords, sessions, tokens, channels, teams
// and login limits. Run beside the inbox operations suite, on PGlite and on PostgreSQL.
import { expect, it } from 'vitest';
import { sessionClient } from '../test-support/inbox-fixture.ts';
import type { TestServer } from '../test-support/test-server.ts';
import { apiKit, body, type ConversationPage } from './api-test-kit.ts';

export function accountsContract(getServer: () => TestServer): void {
  const { as, cursorOf, syncAfter, fresh } = apiKit(getServer);
  let server: TestServer;
  const init = () => {
    server = getServer();
  };

  it('accounts: admins invite and disable agents, only owners make owners, disabling ends the sessions', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const { agent: admin, password } = await body<{
      agent: { id: string; email: string };
      password: string | null;
    }>(owner, 'POST', '/api/v1/agents', {
      email: `admin-${t.marker}@parley.test`,
      name: 'Ada',
      role: 'admin',
    });
    expect(password).toMatch(/.{8,}/);
    const adminCall = await sessionClient(server.baseUrl, admin.email, password!);
    expect(
      (
        await adminCall('POST', '/api/v1/agents', {
          email: `o2-${t.marker}@parley.test`,
          name: 'O',
          role: 'owner',
        })
      ).status,
    ).toBe(403);
    expect((await adminCall('PATCH', `/api/v1/agents/${t.owner.id}`, { disabled: true })).status).toBe(403);
    expect(
      (await adminCall('POST', '/api/v1/agents', { email: t.agent.email, name: 'dup', role: 'agent' }))
        .status,
    ).toBe(409);
    const agentSession = await sessionClient(server.baseUrl, t.agent.email, t.agent.password);
    expect((await agentSession('GET', '/api/v1/me')).status).toBe(200);
    const disabled = await adminCall('PATCH', `/api/v1/agents/${t.agent.id}`, { disabled: true });
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true } });
    expect((await agentSession('GET', '/api/v1/me')).status).toBe(401);
    expect((await as(t.agent.token)('GET', '/api/v1/me')).status).toBe(401);
    expect((await as(t.agent.token)('POST', '/api/v1/agents', { email: 'x@y.test', name: 'x' })).status).toBe(
      401,
    );
    const audit = await body<{ items: { action: string; actorId: string; target: string }[] }>(
      owner,
      'GET',
      '/api/v1/audit-log',
    );
    expect(audit.items.slice(0, 2).map((a) => [a.action, a.actorId, a.target])).toEqual([
      ['agent.update', admin.id, t.agent.id],
      ['agent.create', t.owner.id, admin.id],
    ]);
    expect((await as(t.loner.token)('GET', '/api/v1/audit-log')).status).toBe(403);
  });

  it('a password change ends your other sessions and keeps this one', async () => {
    init();
    const t = await fresh();
    const here = await sessionClient(server.baseUrl, t.loner.email, t.loner.password);
    const elsewhere = await sessionClient(server.baseUrl, t.loner.email, t.loner.password);
    expect(
      (await here('POST', '/api/v1/me/password', { currentPassword: 'wrong', newPassword: 'n3w-password' }))
        .status,
    ).toBe(401);
    expect(
      (
        await here('POST', '/api/v1/me/password', {
          currentPassword: t.loner.password,
          newPassword: 'n3w-password',
        })
      ).status,
    ).toBe(204);
    expect((await here('GET', '/api/v1/me')).status).toBe(200);
    expect((await elsewhere('GET', '/api/v1/me')).status).toBe(401);
    await expect(sessionClient(server.baseUrl, t.loner.email, t.loner.password)).rejects.toThrow(/401/);
    await sessionClient(server.baseUrl, t.loner.email, 'n3w-password');
  });

  it('an expired session is refused', async () => {
    init();
    const t = await fresh();
    const session = await sessionClient(server.baseUrl, t.loner.email, t.loner.password);
    expect((await session('GET', '/api/v1/me')).status).toBe(200);
    await server.ctx.db.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE agent_id = $1",
      [t.loner.id],
    );
    expect((await session('GET', '/api/v1/me')).status).toBe(401);
  });

  it('tokens: personal ones act as you, integration ones need an admin, a revoked one stops working', async () => {
    init();
    const t = await fresh();
    const agent = as(t.agent.token);
    expect(
      (await agent('POST', '/api/v1/tokens', { kind: 'integration', name: 'crm', role: 'agent' })).status,
    ).toBe(403);
    const made = await body<{ token: { id: string; kind: string; agentId: string }; secret: string }>(
      agent,
      'POST',
      '/api/v1/tokens',
      { kind: 'personal', name: 'script' },
    );
    expect(made.token).toMatchObject({ kind: 'personal', agentId: t.agent.id });
    const me = await body<{ agent: { id: string } }>(as(made.secret), 'GET', '/api/v1/me');
    expect(me.agent.id).toBe(t.agent.id);
    const listed = await body<{ items: { id: string; lastUsedAt: string | null }[] }>(
      agent,
      'GET',
      '/api/v1/tokens',
    );
    expect(listed.items.find((i) => i.id === made.token.id)?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(made.secret);
    expect((await as(t.loner.token)('DELETE', `/api/v1/tokens/${made.token.id}`)).status).toBe(404);
    expect((await agent('DELETE', `/api/v1/tokens/${made.token.id}`)).status).toBe(204);
    expect((await as(made.secret)('GET', '/api/v1/me')).status).toBe(401);
    const integration = await body<{ secret: string }>(as(t.owner.token), 'POST', '/api/v1/tokens', {
      kind: 'integration',
      name: 'crm',
      role: 'admin',
    });
    const seen = await body<ConversationPage>(as(integration.secret), 'GET', '/api/v1/conversations');
    expect(seen.items).toHaveLength(2);
  });

  it('channels: secrets are sealed at rest and never answered; each shows its own webhook URL', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const res = await owner('POST', '/api/v1/channels', {
      name: 'Sales line',
      phoneNumberId: '99887766554433',
      wabaId: '11223344',
      accessToken: 'EAAG-secret-access-token',
      appSecret: 'app-secret-value',
    });
    expect(res.status).toBe(201);
    expect(res.text).not.toContain('EAAG-secret-access-token');
    expect(res.text).not.toContain('app-secret-value');
    const ch = res.body as { id: string; webhookUrl: string; verifyToken: string; hasAccessToken: boolean };
    expect(ch.webhookUrl).toBe(
      `${server.baseUrl.replace('127.0.0.1', 'localhost')}/webhooks/whatsapp/${ch.id}`,
    );
    expect(ch.hasAccessToken).toBe(true);
    expect(ch.verifyToken).toMatch(/.{8,}/);
    const row = await server.ctx.db.query<{ access_token_enc: string }>(
      'SELECT access_token_enc FROM channels WHERE id = $1',
      [ch.id],
    );
    expect(row.rows[0]!.access_token_enc).not.toContain('EAAG');
    expect(server.ctx.box.open(row.rows[0]!.access_token_enc)).toBe('EAAG-secret-access-token');
    expect((await server.ctx.channels.byChannelId(ch.id))?.appSecret).toBe('app-secret-value');
    expect(
      (await owner('POST', '/api/v1/channels', { name: 'again', phoneNumberId: '99887766554433' })).status,
    ).toBe(409);
    const patched = await body<{ hasAppSecret: boolean }>(owner, 'PATCH', `/api/v1/channels/${ch.id}`, {
      appSecret: null,
    });
    expect(patched.hasAppSecret).toBe(false);
    expect((await server.ctx.channels.byChannelId(ch.id))?.appSecret).toBeNull();
    // Agents see their channels, without the verify token.
    const mine = await body<{ items: { id: string; verifyToken: string | null }[] }>(
      as(t.agent.token),
      'GET',
      '/api/v1/channels',
    );
    expect(mine.items).toEqual([expect.objectContaining({ id: t.channelId, verifyToken: null })]);
    await body(owner, 'PUT', `/api/v1/channels/${ch.id}/members`, { agentIds: [t.loner.id] });
    const loners = await body<{ items: { id: string }[] }>(as(t.loner.token), 'GET', '/api/v1/channels');
    expect(loners.items.map((c) => c.id)).toEqual([ch.id]);
  });

  it('an invite chooses the channels and teams the new agent sees from the first login', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const email = `newcomer-${t.marker}@parley.test`;
    const { agent, password } = await body<{ agent: { id: string; teamIds: string[] }; password: string }>(
      owner,
      'POST',
      '/api/v1/agents',
      { email, name: 'Nina', channelIds: [t.hiddenChannelId], teamIds: [t.teamId] },
    );
    expect(agent.teamIds).toEqual([t.teamId]);
    const nina = await sessionClient(server.baseUrl, email, password);
    const seen = (await nina('GET', '/api/v1/conversations?view=all')).body as ConversationPage;
    // The hidden channel directly, the team's channel through the team.
    expect(seen.items.map((c) => c.id).sort()).toEqual([t.conversationId, t.hiddenConversationId].sort());
    const channel = await body<{ memberAgentIds: string[] }>(
      owner,
      'GET',
      `/api/v1/channels/${t.hiddenChannelId}`,
    );
    expect(channel.memberAgentIds).toContain(agent.id);
    // Another tenant's ids are refused by name, and nobody is created.
    const other = await fresh();
    const refused = await owner('POST', '/api/v1/agents', {
      email: `stranger-${t.marker}@parley.test`,
      name: 'Stranger',
      channelIds: [other.channelId],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain(other.channelId);
    const agents = await body<{ items: { email: string }[] }>(owner, 'GET', '/api/v1/agents');
    expect(agents.items.some((a) => a.email.startsWith('stranger-'))).toBe(false);
  });

  it('teams: admins create, rename, set members and delete them', async () => {
    init();
    const t = await fresh();
    const owner = as(t.owner.token);
    const team = await body<{ id: string; memberIds: string[] }>(owner, 'POST', '/api/v1/teams', {
      name: 'Billing',
      memberIds: [t.loner.id],
    });
    expect(team.memberIds).toEqual([t.loner.id]);
    expect((await owner('POST', '/api/v1/teams', { name: 'Billing' })).status).toBe(409);
    expect((await as(t.agent.token)('POST', '/api/v1/teams', { name: 'Mine' })).status).toBe(403);
    const renamed = await body<{ name: string }>(owner, 'PATCH', `/api/v1/teams/${team.id}`, {
      name: 'Invoices',
    });
    expect(renamed.name).toBe('Invoices');
    const beforeMembers = await cursorOf(owner);
    const members = await body<{ memberIds: string[] }>(owner, 'PUT', `/api/v1/teams/${team.id}/members`, {
      agentIds: [t.agent.id, t.loner.id],
    });
    expect(members.memberIds.sort()).toEqual([t.agent.id, t.loner.id].sort());
    // Only the agent who joined is logged, with all of their teams.
    expect(await syncAfter(owner, beforeMembers)).toEqual([
      expect.objectContaining({
        type: 'agent.updated',
        entityId: t.agent.id,
        data: { teamIds: [t.teamId, team.id].sort(), updatedAt: expect.any(String) },
      }),
    ]);
    const agents = await body<{ items: { id: string; teamIds: string[] }[] }>(owner, 'GET', '/api/v1/agents');
    expect(agents.items.find((a) => a.id === t.loner.id)?.teamIds).toEqual([team.id]);
    await body(owner, 'POST', `/api/v1/conversations/${t.hiddenConversationId}/assign`, {
      assigneeId: null,
      teamId: team.id,
    });
    const beforeDelete = await cursorOf(owner);
    expect((await owner('DELETE', `/api/v1/teams/${team.id}`)).status).toBe(204);
    expect((await owner('GET', `/api/v1/teams/${team.id}`)).status).toBe(404);
    const afterDelete = await syncAfter(owner, beforeDelete);
    expect(afterDelete).toContainEqual(
      expect.objectContaining({
        type: 'conversation.updated',
        entityId: t.hiddenConversationId,
        data: { teamId: null, updatedAt: expect.any(String) },
      }),
    );
    expect(
      afterDelete
        .filter((e) => e.type === 'agent.updated')
        .map((e) => ('entityId' in e ? e.entityId : null))
        .sort(),
    ).toEqual([t.agent.id, t.loner.id].sort());
  });

  it('login is rate-limited per account: the 11th attempt within a minute gets 429, another account still gets in', async () => {
    init();
    const t = await fresh();
    const login = (email: string, password: string) =>
      as('')('POST', '/api/v1/auth/login', { email, password });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login(t.loner.email, `guess-${i}`)).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    // Even the right password waits now: the limit is on the account, not on wrong guesses.
    expect((await login(t.loner.email, t.loner.password)).status).toBe(429);
    expect((await login(t.agent.email, t.agent.password)).status).toBe(200);
  });

  it('login is rate-limited per IP: many accounts from one address soon get 429', async () => {
    init();
    const statuses: number[] = [];
    for (let i = 0; i < 40 && !statuses.includes(429); i++)
      statuses.push(
        (await as('')('POST', '/api/v1/auth/login', { email: `nobody-${i}@parley.test`, password: 'x' }))
          .status,
      );
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(31);
  });
}
