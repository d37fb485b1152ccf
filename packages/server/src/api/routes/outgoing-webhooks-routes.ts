// Outgoing webhooks for integrations (docs/outgoing-webhooks.md): owners and admins subscribe URLs
// to event types, read the delivery log and replay a delivery. The signing secret is shown once,
// when the subscription is made, and kept encrypted.
import { randomBytes } from 'node:crypto';
import { EVENT_TYPES } from '@parley/sync';
import { z } from 'zod';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import { parseAllowList } from '../../net/address-policy.ts';
import { refusedUrl } from '../../net/guarded-fetch.ts';
import type { Queryable } from '../../store/db.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

const idParams = z.object({ id: z.uuid({ message: 'expected a webhook subscription id (UUID)' }) });
const deliveryParams = idParams.extend({
  deliveryId: z.coerce.number().int().positive({ message: 'expected a delivery id (a positive number)' }),
});

const urlSchema = z
  .url({ protocol: /^https?$/, message: 'expected an http or https URL, such as https://example.com/parley' })
  .max(2000);

const subscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.enum(EVENT_TYPES)),
  active: z.boolean(),
  failures: z.number().int().describe('Consecutive failed attempts; 0 when the receiver is healthy'),
  retryAt: z.string().nullable().describe('When a backing-off receiver is tried again'),
  lastError: z.string().nullable(),
  pending: z.number().int(),
  createdAt: z.string(),
});

const deliverySchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  event: z.string(),
  idempotencyKey: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

interface SubRow {
  id: string;
  url: string;
  description: string;
  event_types: string[];
  active: boolean;
  failures: number;
  retry_at: Date | null;
  last_error: string | null;
  pending: string;
  created_at: Date;
}

const SUB_COLUMNS = `s.id, s.url, s.description, s.event_types, s.active, s.failures, s.retry_at, s.last_error, s.created_at,
  (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') AS pending`;

const toSubscription = (r: SubRow) => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types as (typeof EVENT_TYPES)[number][],
  active: r.active,
  failures: r.failures,
  retryAt: r.retry_at?.toISOString() ?? null,
  lastError: r.last_error,
  pending: Number(r.pending),
  createdAt: r.created_at.toISOString(),
});

/** An address Parley would never call (loopback, private, metadata…) is refused when it is saved. */
function refuseUrl(url: string, allow: readonly string[] | undefined): void {
  const why = refusedUrl(url, parseAllowList(allow ?? []));
  if (why) throw new ParleyError('PARLEY_ERR_VALIDATION', `url: ${why}`);
}

async function loadSubscription(q: Queryable, tenantId: string, id: string): Promise<SubRow> {
  const { rows } = await q.query<SubRow>(
    `SELECT ${SUB_COLUMNS} FROM webhook_subscriptions s WHERE s.tenant_id = $1 AND s.id = $2`,
    [tenantId, id],
  );
  if (!rows[0])
    throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No webhook subscription of your tenant has this id');
  return rows[0];
}

export const outgoingWebhooksRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const admin = [requireAuth(db), requireAdmin];

  app.get(
    '/api/v1/webhooks',
    {
      preHandler: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Your outgoing webhook subscriptions, with their receivers’ health',
        response: { ...errorResponses, 200: z.object({ webhooks: z.array(subscriptionSchema) }) },
      },
    },
    async (req) => {
      const p = principal(req);
      const { rows } = await db.query<SubRow>(
        `SELECT ${SUB_COLUMNS} FROM webhook_subscriptions s WHERE s.tenant_id = $1 ORDER BY s.created_at, s.id`,
        [p.tenantId],
      );
      return { webhooks: rows.map(toSubscription) };
    },
  );

  app.post(
    '/api/v1/webhooks',
    {
      preHandler: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe a URL to event types; the answer shows the signing secret, once',
        description:
          'Deliveries start with the changes committed after this call. Each is a POST signed in ' +
          'x-parley-signature (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">) with an idempotency-key ' +
          'that stays the same across retries and replays.',
        body: z.object({
          url: urlSchema,
          eventTypes: z.array(z.enum(EVENT_TYPES)).min(1, { message: 'choose at least one event type' }),
          description: z.string().trim().max(200).default(''),
        }),
        response: { ...errorResponses, 201: subscriptionSchema.extend({ secret: z.string() }) },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      refuseUrl(req.body.url, ctx.config.PARLEY_FETCH_ALLOW);
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const row = await db.tx(async (q) => {
        const { rows } = await q.query<{ id: string }>(
          `INSERT INTO webhook_subscriptions (tenant_id, url, description, event_types, secret_enc, cursor_seq)
           SELECT $1, $2, $3, $4, $5, COALESCE((SELECT seq FROM tenant_counters WHERE tenant_id = $1), 0)
           RETURNING id`,
          [
            p.tenantId,
            req.body.url,
            req.body.description,
            [...new Set(req.body.eventTypes)],
            ctx.box.seal(secret),
          ],
        );
        await recordAudit(q, p, {
          action: 'webhook.create',
          target: `webhook:${rows[0]!.id}`,
          details: { eventTypes: req.body.eventTypes },
        });
        return loadSubscription(q, p.tenantId, rows[0]!.id);
      });
      return reply.code(201).send({ ...toSubscription(row), secret });
    },
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Change a subscription’s URL, event types or description, pause or resume it',
        description:
          'A paused subscription skips what happens while it is paused: resuming starts at the present. ' +
          'Resuming also ends a back-off, so the receiver is tried at once.',
        params: idParams,
        body: z.object({
          url: urlSchema.optional(),
          eventTypes: z
            .array(z.enum(EVENT_TYPES))
            .min(1, { message: 'choose at least one event type' })
            .optional(),
          description: z.string().trim().max(200).optional(),
          active: z.boolean().optional(),
        }),
        response: { ...errorResponses, 200: subscriptionSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      const b = req.body;
      if (b.url) refuseUrl(b.url, ctx.config.PARLEY_FETCH_ALLOW);
      const row = await db.tx(async (q) => {
        const before = await loadSubscription(q, p.tenantId, req.params.id);
        const resuming = b.active === true && !before.active;
        await q.query(
          `UPDATE webhook_subscriptions SET url = COALESCE($3, url), event_types = COALESCE($4, event_types),
             description = COALESCE($5, description), active = COALESCE($6, active),
             cursor_seq = CASE WHEN $7::boolean THEN COALESCE((SELECT seq FROM tenant_counters WHERE tenant_id = $1), 0) ELSE cursor_seq END,
             retry_at = CASE WHEN $7::boolean THEN NULL ELSE retry_at END,
             failures = CASE WHEN $7::boolean THEN 0 ELSE failures END
           WHERE tenant_id = $1 AND id = $2`,
          [
            p.tenantId,
            req.params.id,
            b.url ?? null,
            b.eventTypes ? [...new Set(b.eventTypes)] : null,
            b.description ?? null,
            b.active ?? null,
            resuming,
          ],
        );
        await recordAudit(q, p, {
          action: 'webhook.update',
          target: `webhook:${req.params.id}`,
          details: { fields: Object.keys(b) },
        });
        return loadSubscription(q, p.tenantId, req.params.id);
      });
      return toSubscription(row);
    },
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Remove a subscription and its delivery log',
        params: idParams,
        response: { ...errorResponses, 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await db.tx(async (q) => {
        await loadSubscription(q, p.tenantId, req.params.id);
        await q.query('DELETE FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2', [
          p.tenantId,
          req.params.id,
        ]);
        await recordAudit(q, p, { action: 'webhook.delete', target: `webhook:${req.params.id}` });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      preHandler: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'The delivery log of a subscription, newest first',
        params: idParams,
        querystring: z.object({
          status: z.enum(['pending', 'delivered', 'failed']).optional(),
          before: z.coerce
            .number()
            .int()
            .positive()
            .optional()
            .describe('Page: deliveries with a smaller id'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { ...errorResponses, 200: z.object({ deliveries: z.array(deliverySchema) }) },
      },
    },
    async (req) => {
      const p = principal(req);
      await loadSubscription(db, p.tenantId, req.params.id);
      const { rows } = await db.query<{
        id: string;
        seq: string;
        event_type: string;
        status: 'pending' | 'delivered' | 'failed';
        attempts: number;
        last_status: number | null;
        last_error: string | null;
        created_at: Date;
        delivered_at: Date | null;
        payload: Record<string, unknown>;
      }>(
        `SELECT id, seq, event_type, status, attempts, last_status, last_error, created_at, delivered_at, payload
         FROM webhook_deliveries WHERE tenant_id = $1 AND subscription_id = $2
           AND ($3::text IS NULL OR status = $3) AND ($4::bigint IS NULL OR id < $4)
         ORDER BY id DESC LIMIT $5`,
        [p.tenantId, req.params.id, req.query.status ?? null, req.query.before ?? null, req.query.limit],
      );
      return {
        deliveries: rows.map((r) => ({
          id: Number(r.id),
          seq: Number(r.seq),
          event: r.event_type,
          idempotencyKey: `${req.params.id}:${r.seq}`,
          status: r.status,
          attempts: r.attempts,
          lastStatus: r.last_status,
          lastError: r.last_error,
          createdAt: r.created_at.toISOString(),
          deliveredAt: r.delivered_at?.toISOString() ?? null,
          payload: r.payload,
        })),
      };
    },
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/replay',
    {
      preHandler: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again, with its original idempotency key',
        params: deliveryParams,
        response: {
          ...errorResponses,
          202: z.object({ id: z.number().int(), status: z.literal('pending') }),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await db.tx(async (q) => {
        await loadSubscription(q, p.tenantId, req.params.id);
        const { rows } = await q.query(
          `UPDATE webhook_deliveries SET status = 'pending', lease_until = NULL, created_at = now()
           WHERE tenant_id = $1 AND subscription_id = $2 AND id = $3 RETURNING id`,
          [p.tenantId, req.params.id, req.params.deliveryId],
        );
        if (rows.length === 0)
          throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'This subscription has no delivery with this id');
        await q.query('UPDATE webhook_subscriptions SET retry_at = NULL WHERE id = $1', [req.params.id]);
        await recordAudit(q, p, {
          action: 'webhook.replay',
          target: `webhook:${req.params.id}`,
          details: { deliveryId: req.params.deliveryId },
        });
      });
      return reply.code(202).send({ id: req.params.deliveryId, status: 'pending' as const });
    },
  );
};
