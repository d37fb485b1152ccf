// Teams (departments) of a tenant and their members. Membership decides visibility (a team's
// members see its channels' and its assigned conversations), so changes are admin actions, audited.
import { z } from 'zod';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { ParleyError } from '../../errors.ts';
import { commitChanges } from '../../events/commit-changes.ts';
import type { NewEntry } from '../../events/event-log.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import type { Queryable } from '../../store/db.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()),
  createdAt: z.string(),
});
type Team = z.infer<typeof TeamSchema>;

const idParams = z.object({ id: z.uuid({ message: 'expected a team id (UUID)' }) });
const teamName = z.string().trim().min(1).max(100);

interface TeamRow {
  id: string;
  name: string;
  member_ids: string[];
  created_at: Date;
}

const SELECT_TEAMS = `SELECT t.id, t.name, t.created_at,
  COALESCE((SELECT array_agg(m.agent_id ORDER BY m.agent_id) FROM team_members m WHERE m.team_id = t.id), '{}') AS member_ids
  FROM teams t`;

const toTeam = (r: TeamRow): Team => ({
  id: r.id,
  name: r.name,
  memberIds: r.member_ids,
  createdAt: r.created_at.toISOString(),
});

async function loadTeam(q: Queryable, tenantId: string, id: string): Promise<Team> {
  const { rows } = await q.query<TeamRow>(`${SELECT_TEAMS} WHERE t.tenant_id = $1 AND t.id = $2`, [
    tenantId,
    id,
  ]);
  if (!rows[0]) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No team with this id in your tenant');
  return toTeam(rows[0]);
}

/** Replaces the members; returns the agents who joined or left. */
async function setMembers(q: Queryable, teamId: string, agentIds: readonly string[]): Promise<string[]> {
  const before = await q.query<{ agent_id: string }>(
    'DELETE FROM team_members WHERE team_id = $1 RETURNING agent_id',
    [teamId],
  );
  await q.query(
    'INSERT INTO team_members (team_id, agent_id) SELECT $1, a FROM unnest($2::uuid[]) AS a ON CONFLICT DO NOTHING',
    [teamId, agentIds],
  );
  const was = new Set(before.rows.map((r) => r.agent_id));
  const is = new Set(agentIds);
  return [...new Set([...was, ...is])].filter((id) => was.has(id) !== is.has(id));
}

/**
 * agent.updated {teamIds} for agents whose teams changed: clients show it, and it tells whoever
 * holds an agent's sight (socket rooms) that it changed.
 */
async function teamEntries(q: Queryable, agentIds: readonly string[]): Promise<NewEntry[]> {
  if (agentIds.length === 0) return [];
  const { rows } = await q.query<{ id: string; team_ids: string[] }>(
    `SELECT a.id, COALESCE(array_agg(m.team_id ORDER BY m.team_id) FILTER (WHERE m.team_id IS NOT NULL), '{}') AS team_ids
     FROM agents a LEFT JOIN team_members m ON m.agent_id = a.id WHERE a.id = ANY($1::uuid[]) GROUP BY a.id`,
    [agentIds],
  );
  return rows.map((r) => ({ type: 'agent.updated', entityId: r.id, data: { teamIds: r.team_ids } }));
}

const nameTaken = (err: unknown): boolean =>
  /teams_tenant_id_name_key|duplicate key/.test((err as Error).message);

export const teamsRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);
  const admin = [auth, requireAdmin];
  const uniqueName = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (nameTaken(err))
        throw new ParleyError('PARLEY_ERR_CONFLICT', 'A team with this name exists already');
      throw err;
    }
  };

  app.get(
    '/api/v1/teams',
    {
      preHandler: auth,
      schema: {
        tags: ['accounts'],
        summary: "The teams of the caller's tenant",
        response: {
          ...errorResponses,
          200: z.object({ items: z.array(TeamSchema) }),
        },
      },
    },
    async (req) => {
      const { rows } = await db.query<TeamRow>(`${SELECT_TEAMS} WHERE t.tenant_id = $1 ORDER BY t.name`, [
        principal(req).tenantId,
      ]);
      return { items: rows.map(toTeam) };
    },
  );

  app.get(
    '/api/v1/teams/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['accounts'],
        summary: 'One team',
        params: idParams,
        response: {
          ...errorResponses,
          200: TeamSchema,
        },
      },
    },
    async (req) => loadTeam(db, principal(req).tenantId, req.params.id),
  );

  app.post(
    '/api/v1/teams',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Create a team (owners and admins)',
        body: z.object({ name: teamName, memberIds: z.array(z.uuid()).max(1000).default([]) }),
        response: {
          ...errorResponses,
          201: TeamSchema,
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const { value: team } = await uniqueName(() =>
        commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
          await assertTenantIds(q, p.tenantId, [
            { field: 'memberIds', kind: 'agent', ids: req.body.memberIds },
          ]);
          const { rows } = await q.query<{ id: string }>(
            'INSERT INTO teams (tenant_id, name) VALUES ($1, $2) RETURNING id',
            [p.tenantId, req.body.name],
          );
          const changed = await setMembers(q, rows[0]!.id, req.body.memberIds);
          const t = await loadTeam(q, p.tenantId, rows[0]!.id);
          await recordAudit(q, p, {
            action: 'team.create',
            target: t.id,
            details: { name: t.name, memberIds: t.memberIds },
          });
          return { value: t, entries: await teamEntries(q, changed) };
        }),
      );
      return reply.code(201).send(team);
    },
  );

  app.patch(
    '/api/v1/teams/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Rename a team (owners and admins)',
        params: idParams,
        body: z.object({ name: teamName }),
        response: {
          ...errorResponses,
          200: TeamSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      return uniqueName(() =>
        db.tx(async (q) => {
          await loadTeam(q, p.tenantId, req.params.id);
          await q.query('UPDATE teams SET name = $3 WHERE tenant_id = $1 AND id = $2', [
            p.tenantId,
            req.params.id,
            req.body.name,
          ]);
          await recordAudit(q, p, {
            action: 'team.rename',
            target: req.params.id,
            details: { name: req.body.name },
          });
          return loadTeam(q, p.tenantId, req.params.id);
        }),
      );
    },
  );

  app.put(
    '/api/v1/teams/:id/members',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: "Replace a team's members (owners and admins)",
        params: idParams,
        body: z.object({ agentIds: z.array(z.uuid()).max(1000) }),
        response: {
          ...errorResponses,
          200: TeamSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { value } = await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        await loadTeam(q, p.tenantId, req.params.id);
        await assertTenantIds(q, p.tenantId, [{ field: 'agentIds', kind: 'agent', ids: req.body.agentIds }]);
        const changed = await setMembers(q, req.params.id, req.body.agentIds);
        await recordAudit(q, p, {
          action: 'team.members',
          target: req.params.id,
          details: { agentIds: req.body.agentIds },
        });
        return {
          value: await loadTeam(q, p.tenantId, req.params.id),
          entries: await teamEntries(q, changed),
        };
      });
      return value;
    },
  );

  app.delete(
    '/api/v1/teams/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Delete a team; its conversations keep their assignee and lose the team',
        params: idParams,
        response: {
          ...errorResponses,
          204: z.null(),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        const t = await loadTeam(q, p.tenantId, req.params.id);
        // Its conversations lose the team (ON DELETE SET NULL): log that like a transfer, so the
        // team's members who saw them through it learn they left (visibleToYou: false). Locked in
        // the order ingest upserts them, and NO KEY: FOR UPDATE would also block the foreign-key
        // checks of messages being stored meanwhile (see inbox/visible-conversation.ts).
        const { rows: held } = await q.query<{ id: string; channel_id: string; assignee_id: string | null }>(
          `SELECT id, channel_id, assignee_id FROM conversations WHERE tenant_id = $1 AND team_id = $2
           ORDER BY channel_id, contact_id FOR NO KEY UPDATE`,
          [p.tenantId, t.id],
        );
        await q.query('DELETE FROM teams WHERE tenant_id = $1 AND id = $2', [p.tenantId, t.id]);
        await recordAudit(q, p, { action: 'team.delete', target: t.id, details: { name: t.name } });
        const entries: NewEntry[] = held.map((c) => ({
          type: 'conversation.updated',
          entityId: c.id,
          data: { teamId: null },
          scope: {
            channelId: c.channel_id,
            agentId: c.assignee_id,
            teamId: null,
            extraAgentId: c.assignee_id,
            extraTeamId: t.id,
          },
        }));
        return { value: null, entries: [...entries, ...(await teamEntries(q, t.memberIds))] };
      });
      return reply.code(204).send(null);
    },
  );
};
