// The audit log of a tenant: who did what, to which thing, when. Owners and admins only.
import { z } from 'zod';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import { decodePage, encodePage } from '../page-cursor.ts';
import type { ApiPlugin } from '../plugin.ts';

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  actorId: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});

interface Row {
  id: number;
  actor_id: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  at: Date;
}

export const auditRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  app.get(
    '/api/v1/audit-log',
    {
      preHandler: [requireAuth(db), requireAdmin],
      schema: {
        tags: ['accounts'],
        summary: 'Admin actions of your tenant, newest first (owners and admins)',
        querystring: z.object({
          action: z.string().max(100).optional(),
          page: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          ...errorResponses,
          200: z.object({ items: z.array(AuditEntrySchema), nextPage: z.string().nullable() }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const before = decodePage(req.query.page);
      const { rows } = await db.query<Row>(
        `SELECT id, actor_id, action, target, details, at FROM audit_log
         WHERE tenant_id = $1 AND ($2::text IS NULL OR action = $2) AND ($3::int8 IS NULL OR id < $3)
         ORDER BY id DESC LIMIT $4`,
        [p.tenantId, req.query.action ?? null, before?.[0] ?? null, req.query.limit + 1],
      );
      const page = rows.slice(0, req.query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          actorId: r.actor_id,
          action: r.action,
          target: r.target,
          details: r.details,
          at: r.at.toISOString(),
        })),
        nextPage: rows.length > req.query.limit && last ? encodePage([last.id]) : null,
      };
    },
  );
};
