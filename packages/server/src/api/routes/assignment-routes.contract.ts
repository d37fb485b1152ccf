// The assignment routes and the worker together, through a whole `parley start` (either mode):
// rules set over REST, a customer's webhook assigned by the ingest hook, the waiting list worked off
// when an admin frees capacity.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../../admin/accounts.ts';
import { createApiToken } from '../../auth/credentials.ts';
import {
  contact,
  entry,
  envelope,
  message,
  messagesChange,
} from '../../ingest/webhook-builders.test-support.ts';
import { eventually } from '../../test-support/eventually.ts';
import { apiClient } from '../../test-support/inbox-fixture.ts';
import type { TestServer } from '../../test-support/test-server.ts';
import { signBody } from '../../webhook/verify-signature.ts';

const until = <T>(fn: () => Promise<T | null | undefined>, what: string): Promise<T> =>
  eventually(what, fn, 15_000);

export function assignmentRoutesContract(
  mode: string,
  start: () => Promise<TestServer>,
  teardown?: () => Promise<void>,
) {
  describe(`assignment over REST and the worker (${mode})`, () => {
    let server: TestServer;
    let owner: ReturnType<typeof apiClient>;
    let agentApi: ReturnType<typeof apiClient>;
    let channelId: string;
    let agentIds: string[];

    beforeAll(async () => {
      server = await start();
      const { db } = server.ctx;
      const tenantId = server.admin.tenantId;
      const ownerId = (
        await db.query<{ id: string }>('SELECT id FROM agents WHERE tenant_id = $1', [tenantId])
      ).rows[0]!.id;
      owner = apiClient(
        server.baseUrl,
        (await createApiToken(db, tenantId, 'owner', { agentId: ownerId })).token,
      );
      channelId = (await db.query<{ id: string }>('SELECT id FROM channels WHERE tenant_id = $1', [tenantId]))
        .rows[0]!.id;
      agentIds = [];
      for (const n of [1, 2]) {
        const { id } = await createAgent(db, tenantId, {
          email: `agent${n}-${randomUUID()}@parley.test`,
          name: `Agent ${n}`,
          role: 'agent',
          password: 'agent-password-1',
        });
        agentIds.push(id);
        await db.query('INSERT INTO channel_members (channel_id, agent_id) VALUES ($1, $2)', [channelId, id]);
      }
      agentIds.sort();
      agentApi = apiClient(
        server.baseUrl,
        (await createApiToken(db, tenantId, 'agent', { agentId: agentIds[0]! })).token,
      );
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
      await teardown?.();
    });

    /** A customer we have never seen writes to the Demo number. */
    const customerWrites = async (): Promise<string> => {
      const waId = `1555${Math.floor(Math.random() * 1e8)}`;
      const body = JSON.stringify(
        envelope(
          entry([
            messagesChange({
              contacts: [contact(waId)],
              messages: [
                message('text', { text: { body: 'hello' } }, { from: waId, id: `wamid.${randomUUID()}` }),
              ],
            }),
          ]),
        ),
      );
      const res = await fetch(`${server.baseUrl}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(body, server.ctx.appSecret),
        },
        body,
      });
      expect(res.status).toBe(200);
      return until(async () => {
        const { rows } = await server.ctx.db.query<{ id: string }>(
          'SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = $1',
          [waId],
        );
        return rows[0]?.id;
      }, 'the conversation');
    };
    const assigneeOf = async (id: string) =>
      (
        await server.ctx.db.query<{ assignee_id: string | null }>(
          'SELECT assignee_id FROM conversations WHERE id = $1',
          [id],
        )
      ).rows[0]?.assignee_id ?? null;

    it('lets admins read and replace a channel policy, refuses agents, and explains bad input', async () => {
      expect((await owner('GET', `/api/v1/channels/${channelId}/assignment`)).body).toMatchObject({
        policy: 'manual',
      });
      const put = await owner('PUT', `/api/v1/channels/${channelId}/assignment`, {
        policy: 'round_robin',
        stickyDays: 3,
      });
      expect(put.status).toBe(200);
      expect((await owner('GET', `/api/v1/channels/${channelId}/assignment`)).body).toMatchObject({
        policy: 'round_robin',
        stickyDays: 3,
        onlineOnly: false,
      });
      expect((await agentApi('GET', `/api/v1/channels/${channelId}/assignment`)).status).toBe(403);
      const bad = await owner('PUT', `/api/v1/channels/${channelId}/assignment`, {
        policy: 'round_robin',
        businessHours: { timeZone: 'Mars/Olympus', weekly: {} },
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('IANA time zone');
      expect((await owner('GET', `/api/v1/channels/${randomUUID()}/assignment`)).status).toBe(404);
    });

    it('assigns a new customer conversation by round robin and tells why', async () => {
      await owner('PUT', `/api/v1/channels/${channelId}/assignment`, { policy: 'round_robin' });
      const first = await customerWrites();
      const who = await until(() => assigneeOf(first), 'an assignee');
      expect(agentIds).toContain(who);
      const why = await owner('GET', `/api/v1/conversations/${first}/assignment`);
      expect(why.body).toMatchObject({ agentId: who, reason: expect.stringMatching(/^round robin, /) });
    });

    it('lists conversations waiting at capacity and assigns them when an admin raises it', async () => {
      for (const a of agentIds)
        expect((await owner('PUT', `/api/v1/agents/${a}/capacity`, { maxOpen: 0 })).status).toBe(200);
      const waiting = await customerWrites();
      const list = await until(async () => {
        const res = await owner('GET', '/api/v1/assignment/waiting');
        const items = (
          res.body as { items: { conversationId: string; waitingSeconds: number; reason: string }[] }
        ).items;
        return items.find((i) => i.conversationId === waiting);
      }, 'the waiting list');
      expect(list).toMatchObject({
        reason: 'waiting: all agents at capacity',
        waitingSeconds: expect.any(Number),
      });
      const loads = await owner('GET', '/api/v1/assignment/agents');
      expect((loads.body as { items: { agentId: string; maxOpen: number | null }[] }).items).toEqual(
        expect.arrayContaining([expect.objectContaining({ agentId: agentIds[0], maxOpen: 0 })]),
      );
      await owner('PUT', `/api/v1/agents/${agentIds[0]}/capacity`, { maxOpen: 10 });
      expect(await until(() => assigneeOf(waiting), 'the waiting conversation to be assigned')).toBe(
        agentIds[0],
      );
      const after = await owner('GET', '/api/v1/assignment/waiting');
      expect((after.body as { items: unknown[] }).items).toEqual([]);
    });

    it('gives a waiting conversation the capacity a resolve frees, without waiting for the tick', async () => {
      const { db } = server.ctx;
      const openOf = async (agentId: string) =>
        (
          await db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM conversations WHERE assignee_id = $1 AND status <> 'resolved'",
            [agentId],
          )
        ).rows[0]!.n;
      await owner('PUT', `/api/v1/channels/${channelId}/assignment`, { policy: 'round_robin' });
      for (const a of agentIds) await owner('PUT', `/api/v1/agents/${a}/capacity`, { maxOpen: null });
      const mine = await customerWrites();
      const holder = await until(() => assigneeOf(mine), 'an assignee');
      for (const a of agentIds)
        await owner('PUT', `/api/v1/agents/${a}/capacity`, { maxOpen: await openOf(a) });
      const waiting = await customerWrites();
      await until(async () => {
        const { rows } = await db.query('SELECT 1 FROM assignment_waiting WHERE conversation_id = $1', [
          waiting,
        ]);
        return rows[0];
      }, 'the conversation to wait');
      const resolved = await owner('POST', `/api/v1/conversations/${mine}/status`, { status: 'resolved' });
      expect(resolved.status).toBe(200);
      // The worker's periodic pass is 30 s away: only the wake-up from the status route is this fast.
      expect(await until(() => assigneeOf(waiting), 'the waiting conversation to be assigned')).toBe(holder);
    });

    describe('a transfer to a team without an assignee', () => {
      let salesAgent: string;
      /** A team whose only member is no member of the channel: only the team's rules choose them. */
      const team = async (policy: 'round_robin' | null) => {
        const { db } = server.ctx;
        const id = (
          await db.query<{ id: string }>('INSERT INTO teams (tenant_id, name) VALUES ($1, $2) RETURNING id', [
            server.admin.tenantId,
            `Team ${randomUUID()}`,
          ])
        ).rows[0]!.id;
        await db.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [id, salesAgent]);
        if (policy)
          expect((await owner('PUT', `/api/v1/teams/${id}/assignment`, { policy })).status).toBe(200);
        return id;
      };
      /** A new customer conversation, once the channel's round robin has given it to an agent. */
      const assignedConversation = async () => {
        const id = await customerWrites();
        await until(() => assigneeOf(id), 'the channel to assign it');
        return id;
      };
      const updatesOf = async (id: string) =>
        (
          await server.ctx.db.query<{ data: { assigneeId?: string | null; teamId?: string | null } }>(
            `SELECT data FROM event_log WHERE entity_id = $1 AND type = 'conversation.updated' ORDER BY seq`,
            [id],
          )
        ).rows.map((r) => r.data);
      type Answer = { conversation: { assigneeId: string | null; teamId: string | null } };

      beforeAll(async () => {
        salesAgent = (
          await createAgent(server.ctx.db, server.admin.tenantId, {
            email: `sales-${randomUUID()}@parley.test`,
            name: 'Sales 1',
            role: 'agent',
            password: 'agent-password-1',
          })
        ).id;
        await owner('PUT', `/api/v1/channels/${channelId}/assignment`, { policy: 'round_robin' });
        for (const a of agentIds) await owner('PUT', `/api/v1/agents/${a}/capacity`, { maxOpen: null });
        await until(async () => {
          const res = await owner('GET', '/api/v1/assignment/waiting');
          return (res.body as { items: unknown[] }).items.length === 0 ? true : null;
        }, 'an empty waiting list');
      });

      it('assigns a member of a round-robin team at once, logs it, and tells why', async () => {
        const sales = await team('round_robin');
        const id = await assignedConversation();
        const res = await owner('POST', `/api/v1/conversations/${id}/assign`, {
          assigneeId: null,
          teamId: sales,
        });
        expect(res.status).toBe(200);
        expect((res.body as Answer).conversation).toMatchObject({ assigneeId: salesAgent, teamId: sales });
        expect((await updatesOf(id)).slice(-2)).toEqual([
          { assigneeId: null, teamId: sales },
          { assigneeId: salesAgent, teamId: sales },
        ]);
        const why = await owner('GET', `/api/v1/conversations/${id}/assignment`);
        expect(why.body).toMatchObject({
          agentId: salesAgent,
          reason: 'transferred: round robin, first in order',
        });
      });

      it('leaves it unassigned in a team without assignment rules', async () => {
        const bare = await team(null);
        const id = await assignedConversation();
        const res = await owner('POST', `/api/v1/conversations/${id}/assign`, {
          assigneeId: null,
          teamId: bare,
        });
        expect(res.status).toBe(200);
        expect((res.body as Answer).conversation).toMatchObject({ assigneeId: null, teamId: bare });
        expect((await updatesOf(id)).at(-1)).toEqual({ assigneeId: null, teamId: bare });
        expect(await assigneeOf(id)).toBeNull();
      });

      it('gives it to the assignee named in the same request, without a decision', async () => {
        const sales = await team('round_robin');
        const id = await assignedConversation();
        const res = await owner('POST', `/api/v1/conversations/${id}/assign`, {
          assigneeId: agentIds[1],
          teamId: sales,
        });
        expect((res.body as Answer).conversation).toMatchObject({ assigneeId: agentIds[1], teamId: sales });
        expect((await updatesOf(id)).at(-1)).toEqual({ assigneeId: agentIds[1], teamId: sales });
        const why = await owner('GET', `/api/v1/conversations/${id}/assignment`);
        expect((why.body as { reason: string }).reason).not.toMatch(/^transferred/);
      });

      it("waits when the team's members are at capacity, and is assigned when one has room", async () => {
        const sales = await team('round_robin');
        await owner('PUT', `/api/v1/agents/${salesAgent}/capacity`, { maxOpen: 0 });
        const id = await assignedConversation();
        const res = await owner('POST', `/api/v1/conversations/${id}/assign`, {
          assigneeId: null,
          teamId: sales,
        });
        expect((res.body as Answer).conversation).toMatchObject({ assigneeId: null, teamId: sales });
        const waiting = await owner('GET', '/api/v1/assignment/waiting');
        expect((waiting.body as { items: unknown[] }).items).toEqual([
          expect.objectContaining({ conversationId: id, reason: 'waiting: all agents at capacity' }),
        ]);
        await owner('PUT', `/api/v1/agents/${salesAgent}/capacity`, { maxOpen: null });
        expect(await until(() => assigneeOf(id), 'the waiting conversation to be assigned')).toBe(salesAgent);
      });
    });

    it('describes the routes in the OpenAPI document', async () => {
      const doc = (await owner('GET', '/api/v1/openapi.json')).body as { paths: Record<string, unknown> };
      for (const path of [
        '/api/v1/channels/{id}/assignment',
        '/api/v1/teams/{id}/assignment',
        '/api/v1/agents/{id}/capacity',
        '/api/v1/assignment/waiting',
        '/api/v1/assignment/agents',
      ])
        expect(doc.paths).toHaveProperty([path]);
    });
  });
}
