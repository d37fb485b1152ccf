// Teams (departments) of a tenant and their members. Membership decides visibility (a team's
// members see its channels' and its assigned conversations), so changes are admin actions, audited.
import { z } from 'zod';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import type { Queryable } from '../../store/db.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
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

/** Throws 400 naming the ids that are not agents of the tenant (another tenant's look the same as none). */
export async function assertTenantAgents(
  q: Queryable,
  tenantId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM agents WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
    [tenantId, ids],
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new ParleyError(
      'PARLEY_ERR_VALIDATION',
      `No agent of your tenant has the id ${missing.join(', ')}`,
      {
        missing,
      },
    );
}

async function setMembers(q: Queryable, teamId: string, agentIds: readonly string[]): Promise<void> {
  await q.query('DELETE FROM team_members WHERE team_id = $1', [teamId]);
  await q.query(
    'INSERT INTO team_members (team_id, agent_id) SELECT $1, a FROM unnest($2::uuid[]) AS a ON CONFLICT DO NOTHING',
    [teamId, agentIds],
  );
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
        response: { 200: z.object({ items: z.array(TeamSchema) }) },
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
      schema: { tags: ['accounts'], summary: 'One team', params: idParams, response: { 200: TeamSchema } },
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
        response: { 201: TeamSchema },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const team = await uniqueName(() =>
        db.tx(async (q) => {
          await assertTenantAgents(q, p.tenantId, req.body.memberIds);
          const { rows } = await q.query<{ id: string }>(
            'INSERT INTO teams (tenant_id, name) VALUES ($1, $2) RETURNING id',
            [p.tenantId, req.body.name],
          );
          await setMembers(q, rows[0]!.id, req.body.memberIds);
          const t = await loadTeam(q, p.tenantId, rows[0]!.id);
          await recordAudit(q, p, {
            action: 'team.create',
            target: t.id,
            details: { name: t.name, memberIds: t.memberIds },
          });
          return t;
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
        response: { 200: TeamSchema },
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
        response: { 200: TeamSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      return db.tx(async (q) => {
        await loadTeam(q, p.tenantId, req.params.id);
        await assertTenantAgents(q, p.tenantId, req.body.agentIds);
        await setMembers(q, req.params.id, req.body.agentIds);
        await recordAudit(q, p, {
          action: 'team.members',
          target: req.params.id,
          details: { agentIds: req.body.agentIds },
        });
        return loadTeam(q, p.tenantId, req.params.id);
      });
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
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await db.tx(async (q) => {
        const t = await loadTeam(q, p.tenantId, req.params.id);
        await q.query('DELETE FROM teams WHERE tenant_id = $1 AND id = $2', [p.tenantId, t.id]);
        await recordAudit(q, p, { action: 'team.delete', target: t.id, details: { name: t.name } });
      });
      return reply.code(204).send(null);
    },
  );
};
