// Sight (issue 16, finding 2): inside one tenant, a person reads only what their channels, teams
// and assignments show them, by every path — the sync log, the socket, templates, appointments,
// labels — and a bot's token reads only the conversations it holds, never the staff directory.
import { randomUUID } from 'node:crypto';
import { SOCKET_EVENT } from '@parley/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitChanges } from '../events/commit-changes.ts';
import { TENANT_WIDE_TYPES, unscopedTypes } from '../events/entry-scope.ts';
import type { NewEntry } from '../events/event-log.ts';
import { upsertContacts } from '../ingest/persist-contacts.ts';
import { apiClient, createTenantFixture, type TenantFixture } from '../test-support/inbox-fixture.ts';
import { openSocket } from '../test-support/socket-client.ts';
import type { TestServer } from '../test-support/test-server.ts';

type SyncPage = { entries: { seq: number; type: string; data?: Record<string, unknown> }[] };

export function sightContract(open: () => Promise<{ server: TestServer; close: () => Promise<void> }>): void {
  let server: TestServer;
  let close: () => Promise<void>;
  let A: TenantFixture;
  let head: number;

  beforeAll(async () => {
    ({ server, close } = await open());
    A = await createTenantFixture(server.ctx, 'S');
    head = await seq();
  });
  afterAll(async () => {
    await close?.();
  });

  const seq = async () =>
    (
      await server.ctx.db.query<{ seq: number }>('SELECT seq FROM tenant_counters WHERE tenant_id = $1', [
        A.tenantId,
      ])
    ).rows[0]!.seq;
  const commit = (entries: NewEntry[]) =>
    commitChanges(server.ctx.db, server.ctx.pubsub, server.ctx.prefix, A.tenantId, async () => ({
      value: null,
      entries,
    }));

  it("a customer's new profile name reaches only who sees one of the customer's conversations", async () => {
    const { ctx } = server;
    const { rows } = await ctx.db.query<{ wa_id: string }>('SELECT wa_id FROM contacts WHERE id = $1', [
      A.hiddenContactId,
    ]);
    const name = `Renamed ${A.marker}`;
    // The ingest worker's own upsert, as a delivery with a new profile name runs it.
    await commitChanges(ctx.db, ctx.pubsub, ctx.prefix, A.tenantId, async (q) => {
      const entries: NewEntry[] = [];
      await upsertContacts(q, A.tenantId, [{ waId: rows[0]!.wa_id, userId: null, name }], entries);
      return { value: null, entries };
    });
    const page = async (token: string) =>
      (await apiClient(server.baseUrl, token)('GET', `/api/v1/sync?cursor=${head}`)).body as SyncPage;
    const asAgent = await page(A.agent.token);
    expect(JSON.stringify(asAgent)).not.toContain(name);
    expect(asAgent.entries.some((e) => e.type === 'hidden')).toBe(true);
    const asOwner = await page(A.owner.token);
    expect(asOwner.entries.find((e) => e.type === 'contact.updated')?.data?.['name']).toBe(name);
  });

  it("templates, appointments and labels of what an agent cannot see stay out of the agent's answers", async () => {
    const { db } = server.ctx;
    const agent = apiClient(server.baseUrl, A.agent.token);
    const owner = apiClient(server.baseUrl, A.owner.token);
    expect((await agent('GET', `/api/v1/channels/${A.hiddenChannelId}/templates`)).status).toBe(404);
    await db.query("UPDATE conversations SET labels = '{seen-label}' WHERE id = $1", [A.conversationId]);
    await db.query("UPDATE conversations SET labels = '{hidden-label}' WHERE id = $1", [
      A.hiddenConversationId,
    ]);
    const labels = async (call: typeof agent) =>
      (
        (await call('GET', '/api/v1/labels')).body as { labels: { name: string; conversations: number }[] }
      ).labels
        .filter((l) => l.conversations > 0)
        .map((l) => l.name);
    expect(await labels(agent)).toEqual(['seen-label']);
    expect((await labels(owner)).sort()).toEqual(['hidden-label', 'seen-label']);
    const starts = new Date(Date.now() + 86_400_000);
    const book = (contactId: string, conversationId: string, hour: number) =>
      db.query(
        `INSERT INTO appointments (tenant_id, contact_id, conversation_id, service_id, staff_id, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          A.tenantId,
          contactId,
          conversationId,
          A.serviceId,
          A.staffId,
          new Date(starts.getTime() + hour * 3_600_000),
          new Date(starts.getTime() + (hour + 1) * 3_600_000),
        ],
      );
    await book(A.contactId, A.conversationId, 0);
    await book(A.hiddenContactId, A.hiddenConversationId, 2);
    const booked = async (call: typeof agent) =>
      (
        (await call('GET', '/api/v1/scheduling/appointments')).body as { items: { contactId: string }[] }
      ).items.map((a) => a.contactId);
    expect(await booked(agent)).toEqual([A.contactId]);
    expect(await booked(owner)).toEqual([A.contactId, A.hiddenContactId]);
  });

  it("a bot's token gets its own conversations' entries on the socket, never the staff directory, and its role stays", async () => {
    const owner = apiClient(server.baseUrl, A.owner.token);
    const bot = (
      await owner('POST', '/api/v1/bots', {
        kind: 'webhook',
        name: 'Sight bot',
        webhookUrl: 'https://bot.example.test/sight',
      })
    ).body as { agentId: string; token: string };
    const promote = await owner('PATCH', `/api/v1/agents/${bot.agentId}`, { role: 'admin' });
    expect(promote.status).toBe(409);
    expect(promote.text).toContain("A bot's role cannot be changed");
    const received: { seq: number; type: string; data?: Record<string, unknown> }[] = [];
    const socket = await openSocket(server.baseUrl, bot.token);
    try {
      socket.on(SOCKET_EVENT, (e: (typeof received)[number]) => received.push(e));
      const email = `staff-${randomUUID()}@sight.test`;
      const staff = await commit([
        { type: 'agent.updated', entityId: A.agent.id, data: { email, role: 'agent' } },
      ]);
      const own = await commit([
        {
          type: 'conversation.updated',
          entityId: A.conversationId,
          data: { labels: ['bot'] },
          scope: { channelId: A.channelId, agentId: bot.agentId, teamId: null },
        },
      ]);
      await expect.poll(() => received.some((e) => e.seq === own.seqs[0]), { timeout: 10_000 }).toBe(true);
      expect(received.find((e) => e.seq === staff.seqs[0])?.type).toBe('hidden');
      expect(JSON.stringify(received)).not.toContain(email);
      const sync = (await apiClient(server.baseUrl, bot.token)('GET', `/api/v1/sync?cursor=${head}`))
        .body as SyncPage;
      expect(JSON.stringify(sync)).not.toContain(email);
    } finally {
      socket.disconnect();
    }
  });

  it('every entry in the log says who may see it, but the team directory', async () => {
    const { rows } = await server.ctx.db.query<{ type: string }>(
      `SELECT DISTINCT type FROM event_log WHERE scope_channel_id IS NULL AND scope_agent_id IS NULL
         AND scope_team_id IS NULL AND scope_extra_agent_id IS NULL AND scope_extra_team_id IS NULL`,
    );
    expect(rows.map((r) => r.type).filter((t) => !TENANT_WIDE_TYPES.has(t))).toEqual([]);
    expect(unscopedTypes([{ type: 'contact.updated' }, { type: 'agent.updated' }])).toEqual([
      'contact.updated',
    ]);
  });
}
