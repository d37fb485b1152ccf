// Agents of the caller's tenant: everyone may list them (to assign, to mention); owners and admins
// invite, change roles and disable. Only an owner may make or change an owner, so an admin cannot
// take over the tenant.
import { z } from 'zod';
import { createAgent } from '../../admin/accounts.ts';
import { endAgentSessions, revokeAgentTokens, SESSION_COOKIE } from '../../auth/credentials.ts';
import { NewPasswordSchema } from '../../auth/password-policy.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import type { Principal } from '../../auth/principal.ts';
import { announceRevocation } from '../../auth/revocation.ts';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { ParleyError } from '../../errors.ts';
import { commitChanges } from '../../events/commit-changes.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import type { Queryable } from '../../store/db.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

const ROLES = ['owner', 'admin', 'agent'] as const;

export const TeamAgentSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'admin', 'agent', 'bot']),
  availability: z.enum(['online', 'away', 'offline']),
  disabled: z.boolean(),
  teamIds: z.array(z.string()),
  createdAt: z.string(),
});
type TeamAgent = z.infer<typeof TeamAgentSchema>;

const idParams = z.object({ id: z.uuid({ message: 'expected an agent id (UUID)' }) });

interface AgentRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: TeamAgent['role'];
  availability: TeamAgent['availability'];
  disabled: boolean;
  team_ids: string[];
  created_at: Date;
}

const SELECT_AGENTS = `SELECT a.id, a.tenant_id, a.email, a.name, a.role, a.availability, a.disabled, a.created_at,
  COALESCE((SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_members tm WHERE tm.agent_id = a.id), '{}') AS team_ids
  FROM agents a`;

const toAgent = (r: AgentRow): TeamAgent => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  name: r.name,
  role: r.role,
  availability: r.availability,
  disabled: r.disabled,
  teamIds: r.team_ids,
  createdAt: r.created_at.toISOString(),
});

export async function loadAgent(q: Queryable, tenantId: string, id: string): Promise<TeamAgent> {
  const { rows } = await q.query<AgentRow>(`${SELECT_AGENTS} WHERE a.tenant_id = $1 AND a.id = $2`, [
    tenantId,
    id,
  ]);
  if (!rows[0]) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No agent with this id in your tenant');
  return toAgent(rows[0]);
}

const agentEventData = (a: TeamAgent) => ({
  name: a.name,
  email: a.email,
  role: a.role,
  availability: a.availability,
  disabled: a.disabled,
});

function mayManage(p: Principal, currentRole: string | null, newRole: string | undefined): void {
  if (p.role === 'owner') return;
  if (currentRole === 'owner' || newRole === 'owner')
    throw new ParleyError('PARLEY_ERR_FORBIDDEN', 'Only an owner may create or change an owner');
}

/**
 * Makes a new agent a member of the given channels and teams; ids of another tenant are refused
 * by name (they look the same as ids that do not exist). Answers the channels the agent now sees.
 */
async function grantSight(
  q: Queryable,
  tenantId: string,
  agentId: string,
  want: { channelIds: readonly string[]; teamIds: readonly string[] },
): Promise<{ channelIds: string[] }> {
  await assertTenantIds(q, tenantId, [
    { field: 'channelIds', kind: 'channel', ids: want.channelIds },
    { field: 'teamIds', kind: 'team', ids: want.teamIds },
  ]);
  await q.query(
    'INSERT INTO channel_members (channel_id, agent_id) SELECT DISTINCT c, $1::uuid FROM unnest($2::uuid[]) AS c',
    [agentId, want.channelIds],
  );
  await q.query(
    'INSERT INTO team_members (team_id, agent_id) SELECT DISTINCT t, $1::uuid FROM unnest($2::uuid[]) AS t',
    [agentId, want.teamIds],
  );
  const { rows } = await q.query<{ channel_id: string }>(
    `SELECT DISTINCT channel_id FROM channel_members
     WHERE agent_id = $1 OR team_id IN (SELECT team_id FROM team_members WHERE agent_id = $1)
     ORDER BY channel_id`,
    [agentId],
  );
  return { channelIds: rows.map((r) => r.channel_id) };
}

export const agentsRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);
  const admin = [auth, requireAdmin];

  app.get(
    '/api/v1/agents',
    {
      preHandler: auth,
      schema: {
        tags: ['accounts'],
        summary: "The agents of the caller's tenant",
        response: {
          ...errorResponses,
          200: z.object({ items: z.array(TeamAgentSchema) }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { rows } = await db.query<AgentRow>(
        `${SELECT_AGENTS} WHERE a.tenant_id = $1 ORDER BY a.name, a.id`,
        [p.tenantId],
      );
      return { items: rows.map(toAgent) };
    },
  );

  app.get(
    '/api/v1/agents/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['accounts'],
        summary: 'One agent',
        params: idParams,
        response: {
          ...errorResponses,
          200: TeamAgentSchema,
        },
      },
    },
    async (req) => loadAgent(db, principal(req).tenantId, req.params.id),
  );

  app.post(
    '/api/v1/agents',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Invite an agent (owners and admins); answers a generated password once when none is given',
        body: z.object({
          email: z.email(),
          name: z.string().trim().min(1).max(200),
          role: z.enum(ROLES).default('agent'),
          password: NewPasswordSchema.optional(),
          /** Channels whose conversations the agent sees from the start (as a direct member). */
          channelIds: z.array(z.uuid()).max(1000).default([]),
          /** Teams the agent joins (and so the teams' channels). */
          teamIds: z.array(z.uuid()).max(1000).default([]),
        }),
        response: {
          ...errorResponses,
          201: z.object({ agent: TeamAgentSchema, password: z.string().nullable() }),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      mayManage(p, null, req.body.role);
      const taken = await db.query('SELECT 1 FROM agents WHERE lower(email) = lower($1)', [req.body.email]);
      if (taken.rows.length > 0)
        throw new ParleyError(
          'PARLEY_ERR_CONFLICT',
          'An account with this email exists already: use another email',
        );
      const { value } = await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        const { channelIds, teamIds, ...account } = req.body;
        const created = await createAgent(q, p.tenantId, account);
        const sight = await grantSight(q, p.tenantId, created.id, { channelIds, teamIds });
        const agent = await loadAgent(q, p.tenantId, created.id);
        await recordAudit(q, p, {
          action: 'agent.create',
          target: agent.id,
          details: { email: agent.email, role: agent.role, channelIds, teamIds },
        });
        return {
          value: { agent, password: created.password },
          entries: [
            {
              type: 'agent.updated',
              entityId: agent.id,
              data: { ...agentEventData(agent), teamIds: agent.teamIds },
            },
            {
              type: 'agent.updated',
              entityId: agent.id,
              data: { channelIds: sight.channelIds },
              scope: { agentId: agent.id },
            },
          ],
        };
      });
      return reply.code(201).send(value);
    },
  );

  app.patch(
    '/api/v1/agents/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary:
          "Rename, change the role of, disable or re-enable an agent; disabling ends the agent's sessions",
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(200).optional(),
          role: z.enum(ROLES).optional(),
          disabled: z.boolean().optional(),
        }),
        response: {
          ...errorResponses,
          200: TeamAgentSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { name, role, disabled } = req.body;
      const { value } = await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        const before = await loadAgent(q, p.tenantId, req.params.id);
        mayManage(p, before.role, role);
        // A bot's account is the bot: as an admin it would read every conversation with its token.
        if (before.role === 'bot' && role)
          throw new ParleyError('PARLEY_ERR_CONFLICT', "A bot's role cannot be changed");
        if (before.id === p.agentId && (disabled || (role && role !== before.role)))
          throw new ParleyError('PARLEY_ERR_CONFLICT', 'You cannot disable yourself or change your own role');
        await q.query(
          `UPDATE agents SET name = COALESCE($3, name), role = COALESCE($4, role), disabled = COALESCE($5, disabled)
           WHERE tenant_id = $1 AND id = $2`,
          [p.tenantId, before.id, name ?? null, role ?? null, disabled ?? null],
        );
        // Tokens are revoked, not just hidden: enabling the agent again must not revive them.
        if (disabled) {
          await endAgentSessions(q, before.id);
          await revokeAgentTokens(q, before.id);
        }
        const agent = await loadAgent(q, p.tenantId, before.id);
        await recordAudit(q, p, { action: 'agent.update', target: agent.id, details: { ...req.body } });
        return {
          value: agent,
          entries: [{ type: 'agent.updated', entityId: agent.id, data: agentEventData(agent) }],
        };
      });
      return value;
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      preHandler: auth,
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary:
          'Change your password; every other session of yours ends, and with revokeTokens your API tokens too',
        body: z.object({
          currentPassword: z.string().min(1),
          newPassword: NewPasswordSchema,
          /** Also revoke every API token of yours (when a token may have leaked with the password). */
          revokeTokens: z.boolean().default(false),
        }),
        response: {
          ...errorResponses,
          204: z.null(),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      if (!p.agentId)
        throw new ParleyError(
          'PARLEY_ERR_FORBIDDEN',
          'An integration token has no password: log in as an agent',
        );
      const { rows } = await db.query<{ password_hash: string | null }>(
        'SELECT password_hash FROM agents WHERE id = $1',
        [p.agentId],
      );
      const stored = rows[0]?.password_hash;
      if (!stored || !(await verifyPassword(stored, req.body.currentPassword)))
        throw new ParleyError('PARLEY_ERR_BAD_CREDENTIALS', 'The current password is wrong');
      const hash = await hashPassword(req.body.newPassword);
      await db.tx(async (q) => {
        await q.query('UPDATE agents SET password_hash = $2 WHERE id = $1', [p.agentId, hash]);
        // A stolen session must not outlive a password change; this one stays so the user is not logged out.
        await endAgentSessions(q, p.agentId!, p.via === 'session' ? req.cookies[SESSION_COOKIE] : undefined);
        if (req.body.revokeTokens) await revokeAgentTokens(q, p.agentId!);
        await recordAudit(q, p, { action: 'agent.password', target: p.agentId });
      });
      // The sockets of the sessions that ended close too.
      await announceRevocation(ctx.pubsub, ctx.prefix, { tenantId: p.tenantId, agentId: p.agentId }, req.log);
      return reply.code(204).send(null);
    },
  );
};
