// WhatsApp numbers of a tenant. The access token and app secret are sealed at rest (secret-box.ts)
// and never leave the server: answers say only whether each is set. Every answer shows the
// channel's own webhook URL and, to owners and admins, its verify token, to paste into Meta's app.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addChannel } from '../../admin/accounts.ts';
import { isAdmin, type Principal } from '../../auth/principal.ts';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { loadVisibility } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { commitChanges } from '../../events/commit-changes.ts';
import type { NewEntry } from '../../events/event-log.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import type { Queryable } from '../../store/db.ts';
import { WEBHOOK_PATH } from '../../webhook/gateway.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

export const ChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string().nullable(),
  wabaId: z.string().nullable(),
  hasAccessToken: z.boolean(),
  hasAppSecret: z.boolean(),
  /** Owners and admins only; null for everyone else. */
  verifyToken: z.string().nullable(),
  webhookUrl: z.string(),
  memberAgentIds: z.array(z.string()),
  memberTeamIds: z.array(z.string()),
  createdAt: z.string(),
});
type Channel = z.infer<typeof ChannelSchema>;

const idParams = z.object({ id: z.uuid({ message: 'expected a channel id (UUID)' }) });
const digits = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, `expected the ${what}: digits only`);

interface ChannelRow {
  id: string;
  name: string;
  phone_number_id: string;
  display_phone_number: string | null;
  waba_id: string | null;
  has_access_token: boolean;
  has_app_secret: boolean;
  verify_token: string | null;
  member_agent_ids: string[];
  member_team_ids: string[];
  created_at: Date;
}

const SELECT_CHANNELS = `SELECT ch.id, ch.name, ch.phone_number_id, ch.display_phone_number, ch.waba_id, ch.verify_token,
  ch.created_at, ch.access_token_enc IS NOT NULL AS has_access_token, ch.app_secret_enc IS NOT NULL AS has_app_secret,
  COALESCE((SELECT array_agg(m.agent_id ORDER BY m.agent_id) FROM channel_members m WHERE m.channel_id = ch.id AND m.agent_id IS NOT NULL), '{}') AS member_agent_ids,
  COALESCE((SELECT array_agg(m.team_id ORDER BY m.team_id) FROM channel_members m WHERE m.channel_id = ch.id AND m.team_id IS NOT NULL), '{}') AS member_team_ids
  FROM channels ch`;

/**
 * The public origin: PARLEY_PUBLIC_URL, else this machine's port on localhost. Never the Host
 * header: a forged one would put an attacker's address into the URL an admin pastes into Meta.
 */
export const originOf = (req: FastifyRequest, configured: string | undefined): string =>
  (configured ?? `http://localhost:${req.socket.localPort}`).replace(/\/+$/, '');

export const toChannel = (r: ChannelRow, p: Principal, origin: string): Channel => ({
  id: r.id,
  name: r.name,
  phoneNumberId: r.phone_number_id,
  displayPhoneNumber: r.display_phone_number,
  wabaId: r.waba_id,
  hasAccessToken: r.has_access_token,
  hasAppSecret: r.has_app_secret,
  verifyToken: isAdmin(p) ? r.verify_token : null,
  webhookUrl: `${origin}${WEBHOOK_PATH}/${r.id}`,
  memberAgentIds: r.member_agent_ids,
  memberTeamIds: r.member_team_ids,
  createdAt: r.created_at.toISOString(),
});

export async function loadChannelRow(q: Queryable, tenantId: string, id: string): Promise<ChannelRow> {
  const { rows } = await q.query<ChannelRow>(`${SELECT_CHANNELS} WHERE ch.tenant_id = $1 AND ch.id = $2`, [
    tenantId,
    id,
  ]);
  if (!rows[0]) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No channel with this id is visible to you');
  return rows[0];
}

/** Agents who see a channel, directly or through a team. */
async function channelAgents(q: Queryable, channelId: string): Promise<Set<string>> {
  const { rows } = await q.query<{ agent_id: string }>(
    `SELECT agent_id FROM channel_members WHERE channel_id = $1 AND agent_id IS NOT NULL
     UNION SELECT tm.agent_id FROM channel_members cm JOIN team_members tm ON tm.team_id = cm.team_id
     WHERE cm.channel_id = $1`,
    [channelId],
  );
  return new Set(rows.map((r) => r.agent_id));
}

/**
 * agent.updated {channelIds} for agents who gained or lost the channel: it moves their sockets'
 * rooms (realtime/access-refresh.ts) and tells their clients to re-snapshot. Scoped to the agent:
 * who sees which channel is for them and the admins.
 */
async function channelEntries(q: Queryable, agentIds: readonly string[]): Promise<NewEntry[]> {
  if (agentIds.length === 0) return [];
  const { rows } = await q.query<{ id: string; channel_ids: string[] }>(
    `SELECT a.id, COALESCE(array_agg(DISTINCT m.channel_id ORDER BY m.channel_id)
       FILTER (WHERE m.channel_id IS NOT NULL), '{}') AS channel_ids
     FROM agents a LEFT JOIN channel_members m
       ON m.agent_id = a.id OR m.team_id IN (SELECT team_id FROM team_members WHERE agent_id = a.id)
     WHERE a.id = ANY($1::uuid[]) GROUP BY a.id`,
    [agentIds],
  );
  return rows.map((r) => ({
    type: 'agent.updated',
    entityId: r.id,
    data: { channelIds: r.channel_ids },
    scope: { agentId: r.id },
  }));
}

export const numberTaken = (err: unknown): boolean =>
  /phone_number_id|duplicate key/.test((err as Error).message);
export const NUMBER_TAKEN =
  'This phone_number_id is connected already; each WhatsApp number belongs to one channel';

export const channelsRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db, box } = ctx;
  const auth = requireAuth(db);
  const admin = [auth, requireAdmin];
  const origin = (req: FastifyRequest) => originOf(req, ctx.config.PARLEY_PUBLIC_URL);

  /** Agents see the channels they are members of (directly or through a team); admins see all. */
  const visibleChannel = async (q: Queryable, p: Principal, id: string): Promise<ChannelRow> => {
    const row = await loadChannelRow(q, p.tenantId, id);
    if (!isAdmin(p) && !(await loadVisibility(q, p)).channelIds.has(row.id))
      throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No channel with this id is visible to you');
    return row;
  };

  app.get(
    '/api/v1/channels',
    {
      preHandler: auth,
      schema: {
        tags: ['channels'],
        summary: 'The channels (WhatsApp numbers) you may see, with their webhook URLs',
        response: {
          ...errorResponses,
          200: z.object({ items: z.array(ChannelSchema) }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const vis = await loadVisibility(db, p);
      const { rows } = await db.query<ChannelRow>(
        `${SELECT_CHANNELS} WHERE ch.tenant_id = $1 AND ($2 OR ch.id = ANY($3::uuid[])) ORDER BY ch.name, ch.id`,
        [p.tenantId, vis.all, [...vis.channelIds]],
      );
      return { items: rows.map((r) => toChannel(r, p, origin(req))) };
    },
  );

  app.get(
    '/api/v1/channels/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['channels'],
        summary: 'One channel',
        params: idParams,
        response: {
          ...errorResponses,
          200: ChannelSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      return toChannel(await visibleChannel(db, p, req.params.id), p, origin(req));
    },
  );

  app.post(
    '/api/v1/channels',
    {
      preHandler: admin,
      schema: {
        tags: ['channels'],
        summary:
          'Connect a WhatsApp number (owners and admins); a verify token is generated when none is given',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          phoneNumberId: digits('phone number id from Meta'),
          displayPhoneNumber: z.string().trim().max(30).nullish(),
          wabaId: digits('WhatsApp Business Account id').nullish(),
          accessToken: z.string().min(1).max(2000).nullish(),
          appSecret: z.string().min(1).max(200).nullish(),
          verifyToken: z.string().min(8).max(200).nullish(),
        }),
        response: {
          ...errorResponses,
          201: ChannelSchema,
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const row = await db
        .tx(async (q) => {
          const { id } = await addChannel(q, box, p.tenantId, req.body);
          await recordAudit(q, p, {
            action: 'channel.create',
            target: id,
            details: { name: req.body.name, phoneNumberId: req.body.phoneNumberId },
          });
          return loadChannelRow(q, p.tenantId, id);
        })
        .catch((err: unknown) => {
          throw numberTaken(err) ? new ParleyError('PARLEY_ERR_CONFLICT', NUMBER_TAKEN) : err;
        });
      ctx.channels.invalidate();
      return reply.code(201).send(toChannel(row, p, origin(req)));
    },
  );

  app.patch(
    '/api/v1/channels/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['channels'],
        summary: 'Change a channel (owners and admins); null clears the access token or app secret',
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          displayPhoneNumber: z.string().trim().max(30).nullish(),
          wabaId: digits('WhatsApp Business Account id').nullish(),
          accessToken: z.string().min(1).max(2000).nullish(),
          appSecret: z.string().min(1).max(200).nullish(),
          verifyToken: z.string().min(8).max(200).optional(),
        }),
        response: {
          ...errorResponses,
          200: ChannelSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const b = req.body;
      const row = await db.tx(async (q) => {
        await loadChannelRow(q, p.tenantId, req.params.id);
        // undefined keeps a column; null clears it (only where clearing makes sense).
        const sets: string[] = [];
        const params: unknown[] = [p.tenantId, req.params.id];
        const set = (column: string, v: unknown) => {
          params.push(v);
          sets.push(`${column} = $${params.length}`);
        };
        if (b.name !== undefined) set('name', b.name);
        if (b.displayPhoneNumber !== undefined) set('display_phone_number', b.displayPhoneNumber);
        if (b.wabaId !== undefined) set('waba_id', b.wabaId);
        if (b.accessToken !== undefined)
          set('access_token_enc', b.accessToken ? box.seal(b.accessToken) : null);
        if (b.appSecret !== undefined) set('app_secret_enc', b.appSecret ? box.seal(b.appSecret) : null);
        if (b.verifyToken !== undefined) set('verify_token', b.verifyToken);
        if (sets.length > 0)
          await q.query(`UPDATE channels SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params);
        await recordAudit(q, p, {
          action: 'channel.update',
          target: req.params.id,
          // Which fields changed, never their secret values.
          details: { fields: Object.keys(b) },
        });
        return loadChannelRow(q, p.tenantId, req.params.id);
      });
      ctx.channels.invalidate();
      return toChannel(row, p, origin(req));
    },
  );

  app.put(
    '/api/v1/channels/:id/members',
    {
      preHandler: admin,
      schema: {
        tags: ['channels'],
        summary: "Replace who sees a channel's conversations: agents directly, or every member of a team",
        params: idParams,
        body: z.object({
          agentIds: z.array(z.uuid()).max(1000).default([]),
          teamIds: z.array(z.uuid()).max(1000).default([]),
        }),
        response: {
          ...errorResponses,
          200: ChannelSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { agentIds, teamIds } = req.body;
      const { value: row } = await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        await loadChannelRow(q, p.tenantId, req.params.id);
        await assertTenantIds(q, p.tenantId, [
          { field: 'agentIds', kind: 'agent', ids: agentIds },
          { field: 'teamIds', kind: 'team', ids: teamIds },
        ]);
        const before = await channelAgents(q, req.params.id);
        await q.query('DELETE FROM channel_members WHERE channel_id = $1', [req.params.id]);
        await q.query(
          'INSERT INTO channel_members (channel_id, agent_id) SELECT DISTINCT $1::uuid, a FROM unnest($2::uuid[]) AS a',
          [req.params.id, agentIds],
        );
        await q.query(
          'INSERT INTO channel_members (channel_id, team_id) SELECT DISTINCT $1::uuid, t FROM unnest($2::uuid[]) AS t',
          [req.params.id, teamIds],
        );
        await recordAudit(q, p, {
          action: 'channel.members',
          target: req.params.id,
          details: { agentIds, teamIds },
        });
        const after = await channelAgents(q, req.params.id);
        const changed = [...new Set([...before, ...after])].filter((id) => before.has(id) !== after.has(id));
        return {
          value: await loadChannelRow(q, p.tenantId, req.params.id),
          entries: await channelEntries(q, changed),
        };
      });
      return toChannel(row, p, origin(req));
    },
  );
};
