// Reports against a week computed by hand (docs/reports.md has the same table). Rows are written
// with explicit times straight into the database, so the triggers of 100_reports.sql do the
// recording exactly as they do for ingest and the API; one more case goes through the routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../admin/accounts.ts';
import { createApiToken } from '../auth/credentials.ts';
import { apiClient, createTenantFixture } from '../test-support/inbox-fixture.ts';
import type { TestServer } from '../test-support/test-server.ts';
import type { Report } from './run-report.ts';

type Api = ReturnType<typeof apiClient>;

const zero = { count: 0, averageSeconds: null, medianSeconds: null };
const empty = {
  conversationsOpened: 0,
  conversationsResolved: 0,
  firstResponse: zero,
  resolution: zero,
  messagesIn: 0,
  messagesOut: 0,
  botContained: 0,
  botHandedOff: 0,
  appointmentsBooked: 0,
  appointmentsCancelled: 0,
};

export function reportsContract(open: () => Promise<{ server: TestServer; close: () => Promise<void> }>) {
  let server: TestServer;
  let close: () => Promise<void>;
  let api: Api;
  let agentApi: Api;
  let tenant: string;
  let ownerName: string;
  const ids = {} as Record<'ana' | 'owner' | 'bot' | 'sales' | 'ch1' | 'ch2' | 'c1' | 'c2' | 'c3', string>;

  beforeAll(async () => {
    ({ server, close } = await open());
    const db = server.ctx.db;
    tenant = server.admin.tenantId;
    const q = (sql: string, params: unknown[] = []) => db.query<{ id: string }>(sql, params);
    const owner = await db.query<{ id: string; name: string }>(
      "SELECT id, name FROM agents WHERE tenant_id = $1 AND role = 'owner'",
      [tenant],
    );
    ids.owner = owner.rows[0]!.id;
    ownerName = owner.rows[0]!.name;
    api = apiClient(
      server.baseUrl,
      (await createApiToken(db, tenant, 'reports', { agentId: ids.owner })).token,
    );
    ids.ana = (await createAgent(db, tenant, { email: 'ana@r.test', name: 'Souza, Ana', role: 'agent' })).id;
    agentApi = apiClient(
      server.baseUrl,
      (await createApiToken(db, tenant, 'ana', { agentId: ids.ana })).token,
    );
    ids.bot = (await createAgent(db, tenant, { email: 'bot@r.test', name: 'Bot', role: 'bot' })).id;
    ids.sales = (await q("INSERT INTO teams (tenant_id, name) VALUES ($1, 'Sales') RETURNING id", [tenant]))
      .rows[0]!.id;
    ids.ch1 = (await q('SELECT id FROM channels WHERE tenant_id = $1 LIMIT 1', [tenant])).rows[0]!.id;
    ids.ch2 = (
      await q(
        "INSERT INTO channels (tenant_id, name, phone_number_id) VALUES ($1, 'Second', 'r-555') RETURNING id",
        [tenant],
      )
    ).rows[0]!.id;
    const contact = async (wa: string) =>
      (await q('INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, $2) RETURNING id', [tenant, wa])).rows[0]!
        .id;
    const conversation = async (
      channel: string,
      wa: string,
      at: string,
      extra: { assignee?: string; team?: string; labels?: string[] },
    ) =>
      (
        await q(
          `INSERT INTO conversations (tenant_id, channel_id, contact_id, assignee_id, team_id, labels, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [
            tenant,
            channel,
            await contact(wa),
            extra.assignee ?? null,
            extra.team ?? null,
            extra.labels ?? [],
            at,
          ],
        )
      ).rows[0]!.id;
    const msg = (conv: string, direction: 'in' | 'out', at: string, author: string | null = null) =>
      q(
        `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, author_id, created_at)
         VALUES ($1, $2, $3, 'text', '{"text":"x"}', 'sent', $4, $5)`,
        [tenant, conv, direction, author, at],
      );
    const status = (conv: string, s: string, at: string, assignee?: string) =>
      q(
        'UPDATE conversations SET status = $2, updated_at = $3, assignee_id = COALESCE($4, assignee_id) WHERE id = $1',
        [conv, s, at, assignee ?? null],
      );

    // Times are UTC; the report reads them in America/Sao_Paulo (UTC-3). Monday 2 November 2026.
    ids.c1 = await conversation(ids.ch1, '5511900000001', '2026-11-02T12:00:00Z', {
      assignee: ids.ana,
      team: ids.sales,
      labels: ['vip'],
    });
    await msg(ids.c1, 'in', '2026-11-02T12:00:00Z');
    await msg(ids.c1, 'out', '2026-11-02T12:05:00Z', ids.ana); // first response 300 s
    await msg(ids.c1, 'out', '2026-11-02T12:10:00Z', ids.ana); // not a first response
    await status(ids.c1, 'resolved', '2026-11-02T13:00:00Z'); // resolution 3,600 s
    await status(ids.c1, 'open', '2026-11-03T02:30:00Z'); // reopened: 2 Nov 23:30 in São Paulo
    await msg(ids.c1, 'in', '2026-11-03T02:30:00Z');
    await msg(ids.c1, 'out', '2026-11-03T02:40:00Z', ids.ana); // first response of the new cycle: 600 s
    await status(ids.c1, 'resolved', '2026-11-03T04:30:00Z'); // 7,200 s, on 3 Nov locally

    ids.c2 = await conversation(ids.ch2, '5511900000002', '2026-11-03T13:00:00Z', {});
    const botRow = await q(
      "INSERT INTO bots (tenant_id, name, kind, builtin, agent_id) VALUES ($1, 'Bot', 'builtin', 'scheduling', $2) RETURNING id",
      [tenant, ids.bot],
    );
    await q(
      "INSERT INTO bot_sessions (conversation_id, tenant_id, bot_id, status) VALUES ($1, $2, $3, 'active')",
      [ids.c2, tenant, botRow.rows[0]!.id],
    );
    await msg(ids.c2, 'in', '2026-11-03T13:00:00Z');
    await msg(ids.c2, 'out', '2026-11-03T13:00:05Z', ids.bot); // a bot's reply is no first response
    await msg(ids.c2, 'out', '2026-11-03T13:20:00Z', ids.owner); // 1,200 s
    await status(ids.c2, 'resolved', '2026-11-03T14:00:00Z', ids.owner); // 3,600 s, the bot's session still active

    ids.c3 = await conversation(ids.ch1, '5511900000003', '2026-11-04T15:00:00Z', {});
    await msg(ids.c3, 'in', '2026-11-04T15:00:00Z');
    await q(
      "INSERT INTO bot_sessions (conversation_id, tenant_id, bot_id, status, updated_at) VALUES ($1, $2, $3, 'handed_off', '2026-11-04T15:01:00Z')",
      [ids.c3, tenant, botRow.rows[0]!.id],
    );
    await msg(ids.c3, 'in', '2026-11-09T12:00:00Z'); // after the range

    const service = await q(
      "INSERT INTO sched_services (tenant_id, name, duration_min) VALUES ($1, 'Corte', 30) RETURNING id",
      [tenant],
    );
    const staff = await q("INSERT INTO sched_staff (tenant_id, name) VALUES ($1, 'Bia') RETURNING id", [
      tenant,
    ]);
    const appointment = (at: string, starts: string, s: string) =>
      q(
        `INSERT INTO appointments (tenant_id, contact_id, conversation_id, service_id, staff_id, starts_at, ends_at, status, created_at)
         SELECT $1, contact_id, id, $2, $3, $4::timestamptz, $4::timestamptz + interval '30 minutes', $5, $6 FROM conversations WHERE id = $7`,
        [tenant, service.rows[0]!.id, staff.rows[0]!.id, starts, s, at, ids.c2],
      );
    await appointment('2026-11-03T13:30:00Z', '2026-11-10T13:00:00Z', 'booked');
    await appointment('2026-11-04T16:00:00Z', '2026-11-11T13:00:00Z', 'cancelled');
  });
  afterAll(async () => {
    await close?.();
  });

  const report = async (query: string, as: Api = api) => {
    const res = await as('GET', `/api/v1/reports?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as Report;
  };
  const week = 'from=2026-11-02&to=2026-11-08&timeZone=America/Sao_Paulo';

  it('counts each day of the hand-computed week in the report’s time zone', async () => {
    const r = await report(week);
    expect(r.buckets.map((b) => b.start)).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
      '2026-11-08',
    ]);
    expect(r.buckets[0]).toEqual({
      ...empty,
      start: '2026-11-02',
      conversationsOpened: 2,
      conversationsResolved: 1,
      firstResponse: { count: 2, averageSeconds: 450, medianSeconds: 450 },
      resolution: { count: 1, averageSeconds: 3600, medianSeconds: 3600 },
      messagesIn: 2,
      messagesOut: 3,
    });
    expect(r.buckets[1]).toEqual({
      ...empty,
      start: '2026-11-03',
      conversationsOpened: 1,
      conversationsResolved: 2,
      firstResponse: { count: 1, averageSeconds: 1200, medianSeconds: 1200 },
      resolution: { count: 2, averageSeconds: 5400, medianSeconds: 5400 },
      messagesIn: 1,
      messagesOut: 2,
      botContained: 1,
      appointmentsBooked: 1,
    });
    expect(r.buckets[2]).toEqual({
      ...empty,
      start: '2026-11-04',
      conversationsOpened: 1,
      messagesIn: 1,
      botHandedOff: 1,
      appointmentsBooked: 1,
      appointmentsCancelled: 1,
    });
    for (const b of r.buckets.slice(3)) expect(b).toEqual({ ...empty, start: b.start });
    expect(r.totals).toEqual({
      conversationsOpened: 4,
      conversationsResolved: 3,
      firstResponse: { count: 3, averageSeconds: 700, medianSeconds: 600 },
      resolution: { count: 3, averageSeconds: 4800, medianSeconds: 3600 },
      messagesIn: 4,
      messagesOut: 5,
      botContained: 1,
      botHandedOff: 1,
      appointmentsBooked: 2,
      appointmentsCancelled: 1,
    });
  });

  it('cuts days at the zone’s midnight: in UTC the reopening falls on the 3rd', async () => {
    const r = await report('from=2026-11-02&to=2026-11-04&timeZone=UTC');
    expect(r.buckets.map((b) => [b.start, b.conversationsOpened, b.firstResponse.count])).toEqual([
      ['2026-11-02', 1, 1],
      ['2026-11-03', 2, 2],
      ['2026-11-04', 1, 0],
    ]);
  });

  it('takes the tenant’s time zone when none is asked, and weeks start on Monday', async () => {
    expect((await api('PATCH', '/api/v1/tenant', { timeZone: 'America/Sao_Paulo' })).status).toBe(200);
    const r = await report('from=2026-11-04&to=2026-11-10&interval=week');
    expect(r.timeZone).toBe('America/Sao_Paulo');
    expect(r.buckets.map((b) => b.start)).toEqual(['2026-11-02', '2026-11-09']);
    // Only days inside the range count, though the first week began before it.
    expect(r.buckets[0]).toMatchObject({ conversationsOpened: 1, botHandedOff: 1, messagesIn: 1 });
    expect(r.buckets[1]).toMatchObject({ messagesIn: 1, conversationsOpened: 0 });
  });

  it('breaks the week down by channel, agent, team and label', async () => {
    const r = await report(week);
    const brief = (rows: Report['byAgent']) =>
      rows.map((x) => [
        x.name,
        x.conversationsOpened,
        x.conversationsResolved,
        x.firstResponse.count,
        x.resolution.averageSeconds,
      ]);
    expect(brief(r.byAgent)).toEqual([
      ['Souza, Ana', 2, 2, 2, 5400],
      [ownerName, 0, 1, 1, 3600],
      ['Nobody', 2, 0, 0, null],
    ]);
    expect(r.byAgent[0]!.firstResponse).toEqual({ count: 2, averageSeconds: 450, medianSeconds: 450 });
    expect(brief(r.byTeam)).toEqual([
      ['Sales', 2, 2, 2, 5400],
      ['Nobody', 2, 1, 1, 3600],
    ]);
    expect(r.byChannel.map((x) => [x.id, x.conversationsOpened, x.conversationsResolved])).toEqual([
      [ids.ch1, 3, 2],
      [ids.ch2, 1, 1],
    ]);
    expect(brief(r.byLabel)).toEqual([['vip', 2, 2, 2, 5400]]);
  });

  it('filters by agent: their events, their replies and the messages of what they hold', async () => {
    const r = await report(`${week}&agentId=${ids.ana}`);
    expect(r.totals).toMatchObject({
      conversationsOpened: 2,
      conversationsResolved: 2,
      messagesOut: 3,
      messagesIn: 2,
      appointmentsBooked: 0,
    });
    const byChannel = await report(`${week}&channelId=${ids.ch2}`);
    expect(byChannel.totals).toMatchObject({
      conversationsOpened: 1,
      messagesIn: 1,
      messagesOut: 2,
      appointmentsBooked: 2,
    });
  });

  it('exports CSV per view, quoted by the book', async () => {
    const time = await api('GET', `/api/v1/reports/export?${week}`);
    expect(time.status).toBe(200);
    const lines = time.text.trim().split('\n');
    expect(lines[0]).toBe(
      'day,conversations_opened,conversations_resolved,first_response_count,first_response_avg_seconds,first_response_median_seconds,resolution_count,resolution_avg_seconds,resolution_median_seconds,messages_in,messages_out,bot_contained,bot_handed_off,appointments_booked,appointments_cancelled',
    );
    expect(lines[1]).toBe('2026-11-02,2,1,2,450,450,1,3600,3600,2,3,0,0,0,0');
    expect(lines).toHaveLength(8);
    const agents = await api('GET', `/api/v1/reports/export?${week}&view=agent`);
    expect(agents.text.split('\n')[1]).toBe(`"Souza, Ana",${ids.ana},2,2,2,450,450,2,5400,5400`);
    const quiet = 'from=2026-11-07&to=2026-11-08&timeZone=America/Sao_Paulo';
    expect((await api('GET', `/api/v1/reports/export?${quiet}&view=label`)).text.trim()).toBe(
      'label,label_id,conversations_opened,conversations_resolved,first_response_count,first_response_avg_seconds,first_response_median_seconds,resolution_count,resolution_avg_seconds,resolution_median_seconds',
    );
  });

  it('records what the routes do: a resolve through the API is a resolution', async () => {
    const before = (await report('from=2026-01-01&to=2027-12-31&timeZone=UTC')).totals.conversationsResolved;
    const res = await api('POST', `/api/v1/conversations/${ids.c3}/status`, { status: 'resolved' });
    expect(res.status, res.text).toBe(200);
    const after = await report('from=2026-01-01&to=2027-12-31&timeZone=UTC');
    expect(after.totals.conversationsResolved).toBe(before + 1);
    expect(after.byChannel.find((c) => c.id === ids.ch1)!.resolution.count).toBe(3);
  });

  describe('refusals', () => {
    it('is for owners and admins', async () => {
      expect((await agentApi('GET', `/api/v1/reports?${week}`)).status).toBe(403);
      expect((await agentApi('GET', `/api/v1/reports/export?${week}`)).status).toBe(403);
      expect((await agentApi('PATCH', '/api/v1/tenant', { timeZone: 'UTC' })).status).toBe(403);
    });

    it('says what is wrong with a range, a zone or a filter', async () => {
      const msg = async (query: string) => {
        const res = await api('GET', `/api/v1/reports?${query}`);
        expect(res.status).toBe(400);
        return JSON.stringify(res.body);
      };
      expect(await msg('from=2026-11-08&to=2026-11-02')).toContain('from must not be after to');
      expect(await msg('from=2026-11-02&to=2026-11-08&timeZone=Mars/Olympus')).toContain('IANA time zone');
      expect(await msg('from=2026-02-30&to=2026-03-01')).toContain('real calendar day');
      expect(await msg('from=2020-01-01&to=2026-01-01')).toContain('at most 731 days');
      const other = await createTenantFixture(server.ctx, 'R');
      expect(await msg(`${week}&channelId=${other.channelId}`)).toContain(
        'channelId: no channel of your tenant',
      );
      expect(await msg(`${week}&agentId=${other.agent.id}&teamId=${other.teamId}`)).toMatch(
        /teamId: no team of your tenant.*agentId: no agent of your tenant/,
      );
      const zone = await api('PATCH', '/api/v1/tenant', { timeZone: 'Mars/Olympus' });
      expect(zone.status).toBe(400);
    });
  });
}
