// Assignment rules (docs/assignment.md): a channel's or team's policy, capacities, business hours
// and auto-reply; each agent's load against capacity; the waiting list. Owners and admins only,
// except the reason of one conversation's assignment, which whoever sees the conversation may read.
import { z } from 'zod';
import {
  ChannelRulesSchema as ChannelRules,
  loadChannelRules,
  loadTeamRules,
  saveChannelRules,
  saveTeamRules,
  TeamRulesSchema as TeamRules,
} from '../../assignment/settings.ts';
import { listWaiting, onCapacityFreed } from '../../assignment/waiting-list.ts';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { canSee, loadVisibility } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import type { Queryable } from '../../store/db.ts';
import { loadConversation } from '../../store/entities.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

const idParams = (what: string) => z.object({ id: z.uuid({ message: `expected a ${what} id (UUID)` }) });

const AgentLoadSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  availability: z.enum(['online', 'away', 'offline']),
  open: z.number().int().describe('Open (not resolved) conversations assigned to the agent'),
  maxOpen: z.number().int().nullable().describe('Global capacity; null: unlimited'),
});

const WaitingSchema = z.object({
  conversationId: z.string(),
  channelId: z.string(),
  since: z.string(),
  waitingSeconds: z.number().int(),
  reason: z.string(),
});

const ConversationAssignmentSchema = z.object({
  conversationId: z.string(),
  agentId: z.string().nullable(),
  reason: z.string().nullable().describe('Why the last automatic decision was made; null: never decided'),
  decidedAt: z.string().nullable(),
  waitingSince: z.string().nullable(),
});

async function requireRow(
  q: Queryable,
  table: 'channels' | 'teams' | 'agents',
  tenantId: string,
  id: string,
) {
  const { rows } = await q.query(`SELECT 1 FROM ${table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  if (rows.length === 0) {
    const what = table.slice(0, -1);
    throw new ParleyError('PARLEY_ERR_NOT_FOUND', `No ${what} with this id in your tenant`);
  }
}

export const assignmentRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);
  const admin = [auth, requireAdmin];

  app.get(
    '/api/v1/channels/:id/assignment',
    {
      preHandler: admin,
      schema: {
        tags: ['assignment'],
        summary: "A channel's assignment rules, business hours and auto-reply (owners and admins)",
        params: idParams('channel'),
        response: { 200: ChannelRules },
      },
    },
    async (req) => {
      const p = principal(req);
      await requireRow(db, 'channels', p.tenantId, req.params.id);
      return loadChannelRules(db, req.params.id);
    },
  );

  app.put(
    '/api/v1/channels/:id/assignment',
    {
      preHandler: admin,
      schema: {
        tags: ['assignment'],
        summary:
          "Replace a channel's assignment rules (owners and admins); absent fields take their defaults",
        params: idParams('channel'),
        body: ChannelRules,
        response: { 200: ChannelRules },
      },
    },
    async (req) => {
      const p = principal(req);
      const rules = req.body;
      await db.tx(async (q) => {
        await requireRow(q, 'channels', p.tenantId, req.params.id);
        await assertTenantIds(q, p.tenantId, [
          { field: 'afterHoursTeamId', kind: 'team', ids: rules.afterHoursTeamId },
        ]);
        await saveChannelRules(q, p.tenantId, req.params.id, rules);
        await recordAudit(q, p, {
          action: 'channel.assignment_rules',
          target: `channel:${req.params.id}`,
          details: {
            policy: rules.policy,
            onlineOnly: rules.onlineOnly,
            maxOpenPerAgent: rules.maxOpenPerAgent,
          },
        });
      });
      // New rules may let waiting conversations through (hours widened, a policy switched on).
      await onCapacityFreed(ctx, p.tenantId);
      return rules;
    },
  );

  app.get(
    '/api/v1/teams/:id/assignment',
    {
      preHandler: admin,
      schema: {
        tags: ['assignment'],
        summary: "A team's override of the channel's policy (owners and admins)",
        params: idParams('team'),
        response: { 200: TeamRules },
      },
    },
    async (req) => {
      const p = principal(req);
      await requireRow(db, 'teams', p.tenantId, req.params.id);
      return loadTeamRules(db, req.params.id);
    },
  );

  app.put(
    '/api/v1/teams/:id/assignment',
    {
      preHandler: admin,
      schema: {
        tags: ['assignment'],
        summary: "Replace a team's override (owners and admins); policy null follows the channel",
        params: idParams('team'),
        body: TeamRules,
        response: { 200: TeamRules },
      },
    },
    async (req) => {
      const p = principal(req);
      await db.tx(async (q) => {
        await requireRow(q, 'teams', p.tenantId, req.params.id);
        await saveTeamRules(q, p.tenantId, req.params.id, req.body);
        await recordAudit(q, p, {
          action: 'team.assignment_rules',
          target: `team:${req.params.id}`,
          details: { ...req.body },
        });
      });
      await onCapacityFreed(ctx, p.tenantId);
      return req.body;
    },
  );

  app.put(
    '/api/v1/agents/:id/capacity',
    {
      preHandler: admin,
      schema: {
        tags: ['assignment'],
        summary: "Set an agent's capacity: the most open conversations automatic assignment gives them",
        params: idParams('agent'),
        body: z.object({
          maxOpen: z.number().int().min(0).max(10_000).nullable().describe('null: unlimited'),
        }),
        response: { 200: z.object({ agentId: z.string(), maxOpen: z.number().int().nullable() }) },
      },
    },
    async (req) => {
      const p = principal(req);
      const { maxOpen } = req.body;
      await db.tx(async (q) => {
        await requireRow(q, 'agents', p.tenantId, req.params.id);
        await q.query(
          `INSERT INTO assignment_agents (agent_id, tenant_id, max_open) VALUES ($1, $2, $3)
           ON CONFLICT (agent_id) DO UPDATE SET max_open = EXCLUDED.max_open, updated_at = now()`,
          [req.params.id, p.tenantId, maxOpen],
        );
        await recordAudit(q, p, {
          action: 'agent.capacity',
          target: `agent:${req.params.id}`,
          details: { maxOpen },
        });
      });
      await onCapacityFreed(ctx, p.tenantId, req.params.id);
      return { agentId: req.params.id, maxOpen };
    },
  );

  app.get(
    '/api/v1/assignment/agents',
    {
      preHandler: admin,
      schema: {
        tags: ['assignment'],
        summary: "Each agent's open conversations against their capacity (owners and admins)",
        response: { 200: z.object({ items: z.array(AgentLoadSchema) }) },
      },
    },
    async (req) => {
      const { rows } = await db.query<{
        id: string;
        name: string;
        availability: 'online' | 'away' | 'offline';
        open: number;
        max_open: number | null;
      }>(
        `SELECT a.id, a.name, a.availability, s.max_open,
           COALESCE((SELECT sum(open_count) FROM assignment_load l WHERE l.agent_id = a.id), 0)::int AS open
         FROM agents a LEFT JOIN assignment_agents s ON s.agent_id = a.id
         WHERE a.tenant_id = $1 AND NOT a.disabled AND a.role <> 'bot' ORDER BY a.name, a.id`,
        [principal(req).tenantId],
      );
      return {
        items: rows.map((r) => ({
          agentId: r.id,
          name: r.name,
          availability: r.availability,
          open: r.open,
          maxOpen: r.max_open,
        })),
      };
    },
  );

  app.get(
    '/api/v1/assignment/waiting',
    {
      preHandler: admin,
      schema: {
        tags: ['assignment'],
        summary: 'Conversations waiting for an agent, oldest first, with how long each has waited',
        querystring: z.object({
          channelId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(WaitingSchema) }) },
      },
    },
    async (req) => {
      const { tenantId } = principal(req);
      await assertTenantIds(db, tenantId, [
        { field: 'channelId', kind: 'channel', ids: req.query.channelId },
      ]);
      return { items: await listWaiting(db, tenantId, req.query.channelId ?? null, req.query.limit) };
    },
  );

  app.get(
    '/api/v1/conversations/:id/assignment',
    {
      preHandler: auth,
      schema: {
        tags: ['assignment'],
        summary: 'Why the conversation is assigned (or waiting) as it is',
        params: idParams('conversation'),
        response: { 200: ConversationAssignmentSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      const c = await loadConversation(db, p.tenantId, req.params.id);
      const vis = await loadVisibility(db, p);
      if (!c || !canSee(vis, { channelId: c.channelId, agentId: c.assigneeId, teamId: c.teamId }))
        throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No conversation with this id is visible to you');
      const { rows } = await db.query<{
        agent_id: string | null;
        reason: string;
        decided_at: Date;
        since: Date | null;
      }>(
        `SELECT a.agent_id, a.reason, a.decided_at, w.since FROM conversation_assignments a
         LEFT JOIN assignment_waiting w ON w.conversation_id = a.conversation_id WHERE a.conversation_id = $1`,
        [c.id],
      );
      const r = rows[0];
      return {
        conversationId: c.id,
        agentId: c.assigneeId,
        reason: r?.reason ?? null,
        decidedAt: r?.decided_at.toISOString() ?? null,
        waitingSince: r?.since?.toISOString() ?? null,
      };
    },
  );
};
