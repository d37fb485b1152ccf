// Embedded Signup: the dashboard opens Meta's popup with the app id and configuration id it reads
// here, and posts back the code the popup gave it. Parley exchanges the code for the business's
// token, finds the WABAs it was granted and their numbers, subscribes the app to each WABA, and
// connects every number as a channel (docs/connect-whatsapp.md).
import { z } from 'zod';
import { addChannel } from '../../admin/accounts.ts';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import { createSignupGraph, discoverSignup } from '../../onboarding/signup-graph.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';
import {
  ChannelSchema,
  loadChannelRow,
  NUMBER_TAKEN,
  numberTaken,
  originOf,
  toChannel,
} from './channels-routes.ts';

const NOT_SET_UP =
  'Embedded Signup is not set up on this server: set PARLEY_META_APP_ID and PARLEY_META_CONFIG_ID (docs/connect-whatsapp.md)';

export const embeddedSignupRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db, box, config } = ctx;
  const admin = [requireAuth(db), requireAdmin];
  const graph = createSignupGraph({
    baseUrl: config.WHATSAPP_GRAPH_URL,
    version: config.WHATSAPP_GRAPH_VERSION,
  });

  app.get(
    '/api/v1/channels/embedded-signup',
    {
      preHandler: admin,
      schema: {
        tags: ['channels'],
        summary: "What the dashboard needs to open Meta's Embedded Signup popup (owners and admins)",
        response: {
          ...errorResponses,
          200: z.object({
            enabled: z.boolean(),
            appId: z.string().nullable(),
            configId: z.string().nullable(),
          }),
        },
      },
    },
    async () => ({
      enabled: Boolean(config.PARLEY_META_APP_ID && config.PARLEY_META_CONFIG_ID),
      appId: config.PARLEY_META_APP_ID ?? null,
      configId: config.PARLEY_META_CONFIG_ID ?? null,
    }),
  );

  app.post(
    '/api/v1/channels/embedded-signup',
    {
      preHandler: admin,
      schema: {
        tags: ['channels'],
        summary:
          'Finish Embedded Signup with the code from the popup: every number the business granted is connected as a channel',
        body: z.object({ code: z.string().min(1).max(2000) }),
        response: { ...errorResponses, 201: z.object({ items: z.array(ChannelSchema) }) },
      },
    },
    async (req, reply) => {
      const appId = config.PARLEY_META_APP_ID;
      if (!appId || !config.PARLEY_META_CONFIG_ID) throw new ParleyError('PARLEY_ERR_CONFLICT', NOT_SET_UP);
      const found = await discoverSignup(graph, { id: appId, secret: ctx.appSecret }, req.body.code);
      if (!found.ok)
        throw new ParleyError('PARLEY_ERR_VALIDATION', found.failure.title, { meta: found.failure.details });
      const p = principal(req);
      const rows = await db
        .tx(async (q) => {
          const made = [];
          for (const n of found.value.numbers) {
            const { id } = await addChannel(q, box, p.tenantId, {
              name: n.verifiedName ?? n.displayPhoneNumber ?? n.phoneNumberId,
              phoneNumberId: n.phoneNumberId,
              displayPhoneNumber: n.displayPhoneNumber,
              wabaId: n.wabaId,
              accessToken: found.value.token,
              appSecret: ctx.appSecret,
            });
            await recordAudit(q, p, {
              action: 'channel.create',
              target: id,
              details: { via: 'embedded_signup', phoneNumberId: n.phoneNumberId, wabaId: n.wabaId },
            });
            made.push(await loadChannelRow(q, p.tenantId, id));
          }
          return made;
        })
        .catch((err: unknown) => {
          throw numberTaken(err) ? new ParleyError('PARLEY_ERR_CONFLICT', NUMBER_TAKEN) : err;
        });
      ctx.channels.invalidate();
      const origin = originOf(req, config.PARLEY_PUBLIC_URL);
      return reply.code(201).send({ items: rows.map((r) => toChannel(r, p, origin)) });
    },
  );
};
