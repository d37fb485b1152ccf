// Bots: create them, put one in front of a channel, and let a bot (or an agent) hand a
// conversation to people. Admins manage bots; a bot's token reaches only what a bot may do.
import { z } from 'zod';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { loadVisibility } from '../../auth/visibility.ts';
import { assignAfterHandoff } from '../../bots/after-handoff.ts';
import { applyBotActions } from '../../bots/apply-actions.ts';
import { bindChannelBot, createBot, UnknownBuiltinError } from '../../bots/bot-admin.ts';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import { visibleConversation } from '../../inbox/visible-conversation.ts';
import { parseAllowList } from '../../net/address-policy.ts';
import { refusedUrl } from '../../net/guarded-fetch.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

const BotSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['builtin', 'webhook']),
  builtin: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  agentId: z.string(),
  handoffTeamId: z.string().nullable(),
  enabled: z.boolean(),
  channelIds: z.array(z.string()),
});

const SessionSchema = z.object({
  status: z.enum(['active', 'handed_off', 'taken_over']).nullable(),
  botId: z.string().nullable(),
  reason: z.string().nullable(),
});

const idParams = z.object({ id: z.uuid() });

export const botsRoutes: ApiPlugin = async (app, { ctx }) => {
  const fetchAllow = parseAllowList(ctx.config.PARLEY_FETCH_ALLOW);
  const { db } = ctx;
  const auth = requireAuth(db);

  app.get(
    '/api/v1/bots',
    {
      preHandler: [auth, requireAdmin],
      schema: {
        tags: ['bots'],
        summary: 'The bots of your tenant',
        response: { 200: z.object({ items: z.array(BotSchema) }) },
      },
    },
    async (req) => {
      const p = principal(req);
      const { rows } = await db.query<{
        id: string;
        name: string;
        kind: 'builtin';
        builtin: string | null;
        webhook_url: string | null;
        agent_id: string;
        handoff_team_id: string | null;
        enabled: boolean;
        channel_ids: string[];
      }>(
        `SELECT b.id, b.name, b.kind, b.builtin, b.webhook_url, b.agent_id, b.handoff_team_id, b.enabled,
           COALESCE(array_agg(cb.channel_id) FILTER (WHERE cb.channel_id IS NOT NULL), '{}') AS channel_ids
         FROM bots b LEFT JOIN channel_bots cb ON cb.bot_id = b.id WHERE b.tenant_id = $1 GROUP BY b.id ORDER BY b.created_at`,
        [p.tenantId],
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          kind: r.kind,
          builtin: r.builtin,
          webhookUrl: r.webhook_url,
          agentId: r.agent_id,
          handoffTeamId: r.handoff_team_id,
          enabled: r.enabled,
          channelIds: r.channel_ids,
        })),
      };
    },
  );

  app.post(
    '/api/v1/bots',
    {
      preHandler: [auth, requireAdmin],
      schema: {
        tags: ['bots'],
        summary: 'Create a bot: built-in (e.g. "scheduling") or a webhook bot at your URL',
        description:
          'The answer carries the bot’s API token and, for webhook bots, the secret that signs deliveries: both are shown once.',
        body: z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('builtin'),
            name: z.string().min(1).max(100),
            builtin: z.string().min(1),
            handoffTeamId: z.uuid().nullable().optional(),
            config: z.record(z.string(), z.unknown()).optional(),
          }),
          z.object({
            kind: z.literal('webhook'),
            name: z.string().min(1).max(100),
            webhookUrl: z.url({ protocol: /^https?$/ }),
            handoffTeamId: z.uuid().nullable().optional(),
          }),
        ]),
        response: {
          201: z.object({
            id: z.string(),
            agentId: z.string(),
            token: z.string(),
            secret: z.string().nullable(),
          }),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      // Refused at once when plainly local; the guarded fetch checks the address again at each call.
      const refused = req.body.kind === 'webhook' ? refusedUrl(req.body.webhookUrl, fetchAllow) : null;
      if (refused) throw new ParleyError('PARLEY_ERR_VALIDATION', `body.webhookUrl: ${refused}`);
      try {
        const created = await db.tx(async (q) => {
          await assertTenantIds(q, p.tenantId, [
            { field: 'handoffTeamId', kind: 'team', ids: req.body.handoffTeamId },
          ]);
          const bot = await createBot(q, ctx.box, p.tenantId, req.body);
          await recordAudit(q, p, {
            action: 'bot.create',
            target: `bot:${bot.id}`,
            details: { kind: req.body.kind, name: req.body.name },
          });
          return bot;
        });
        return reply.code(201).send(created);
      } catch (err) {
        if (err instanceof UnknownBuiltinError) throw new ParleyError('PARLEY_ERR_VALIDATION', err.message);
        throw err;
      }
    },
  );

  app.put(
    '/api/v1/channels/:id/bot',
    {
      preHandler: [auth, requireAdmin],
      schema: {
        tags: ['bots'],
        summary:
          'Put a bot in front of a channel (new conversations go to it first), or take it away with null',
        params: idParams,
        body: z.object({ botId: z.uuid().nullable() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const ok = await db.tx(async (q) => {
        const bound = await bindChannelBot(q, p.tenantId, req.params.id, req.body.botId);
        if (bound)
          await recordAudit(q, p, {
            action: 'channel.bot',
            target: `channel:${req.params.id}`,
            details: { botId: req.body.botId },
          });
        return bound;
      });
      if (!ok) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No such channel or bot in your tenant');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/conversations/:id/bot',
    {
      preHandler: auth,
      schema: {
        tags: ['bots'],
        summary: 'Whether a bot holds this conversation',
        params: idParams,
        response: { 200: SessionSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      await visibleConversation(db, p.tenantId, req.params.id, await loadVisibility(db, p));
      const { rows } = await db.query<{ status: 'active'; bot_id: string; reason: string | null }>(
        'SELECT status, bot_id, reason FROM bot_sessions WHERE conversation_id = $1 AND tenant_id = $2',
        [req.params.id, p.tenantId],
      );
      const s = rows[0];
      return { status: s?.status ?? null, botId: s?.bot_id ?? null, reason: s?.reason ?? null };
    },
  );

  app.post(
    '/api/v1/conversations/:id/handoff',
    {
      preHandler: auth,
      schema: {
        tags: ['bots'],
        summary: 'Hand a bot’s conversation to people (a team, an agent, or whoever assignment picks)',
        params: idParams,
        body: z.object({
          reason: z.string().min(1).max(500),
          teamId: z.uuid().nullable().optional(),
          agentId: z.uuid().nullable().optional(),
        }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await visibleConversation(db, p.tenantId, req.params.id, await loadVisibility(db, p));
      await assertTenantIds(db, p.tenantId, [
        { field: 'agentId', kind: 'activeAgent', ids: req.body.agentId },
        { field: 'teamId', kind: 'team', ids: req.body.teamId },
      ]);
      const { rows } = await db.query<{
        agent_id: string;
        handoff_team_id: string | null;
        state: Record<string, unknown>;
      }>(
        `SELECT b.agent_id, b.handoff_team_id, s.state FROM bot_sessions s JOIN bots b ON b.id = s.bot_id
         WHERE s.conversation_id = $1 AND s.tenant_id = $2 AND s.status = 'active'`,
        [req.params.id, p.tenantId],
      );
      const s = rows[0];
      if (!s) throw new ParleyError('PARLEY_ERR_CONFLICT', 'No bot holds this conversation');
      await applyBotActions(
        ctx,
        {
          tenantId: p.tenantId,
          conversationId: req.params.id,
          messageId: 'handoff',
          botAgentId: s.agent_id,
          handoffTeamId: s.handoff_team_id,
        },
        [
          {
            type: 'handoff',
            reason: req.body.reason,
            teamId: req.body.teamId ?? null,
            agentId: req.body.agentId ?? null,
          },
        ],
        s.state,
      );
      await assignAfterHandoff(ctx, p.tenantId, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
