// Canned responses: replies an agent inserts by typing /shortcode. Everyone reads them; owners and
// admins keep the list (audited), so the team speaks with one voice.
import { z } from 'zod';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import type { Queryable } from '../../store/db.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

export const CannedResponseSchema = z.object({
  id: z.string(),
  shortcode: z.string(),
  body: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
type CannedResponse = z.infer<typeof CannedResponseSchema>;

const shortcode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,40}$/, 'expected 1 to 40 letters, digits, - or _ (typed after a slash)');
const body = z.string().trim().min(1).max(4096);
const idParams = z.object({ id: z.uuid({ message: 'expected a canned response id (UUID)' }) });

interface Row {
  id: string;
  shortcode: string;
  body: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const toCanned = (r: Row): CannedResponse => ({
  id: r.id,
  shortcode: r.shortcode,
  body: r.body,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const COLUMNS = 'id, shortcode, body, created_by, created_at, updated_at';

async function loadCanned(q: Queryable, tenantId: string, id: string): Promise<Row> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM canned_responses WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  if (!rows[0])
    throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No canned response with this id in your tenant');
  return rows[0];
}

const taken = (err: unknown) => {
  if (/canned_responses_tenant_id_shortcode_key|duplicate key/.test((err as Error).message))
    return new ParleyError('PARLEY_ERR_CONFLICT', 'Another canned response has this shortcode');
  return err;
};

export const cannedResponsesRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);
  const admin = [auth, requireAdmin];

  app.get(
    '/api/v1/canned-responses',
    {
      preHandler: auth,
      schema: {
        tags: ['canned responses'],
        summary: 'Canned responses, by shortcode; prefix filters by the start of the shortcode',
        querystring: z.object({ prefix: z.string().trim().toLowerCase().max(40).optional() }),
        response: {
          ...errorResponses,
          200: z.object({ items: z.array(CannedResponseSchema) }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM canned_responses WHERE tenant_id = $1 AND starts_with(shortcode, $2) ORDER BY shortcode`,
        [p.tenantId, req.query.prefix ?? ''],
      );
      return { items: rows.map(toCanned) };
    },
  );

  app.get(
    '/api/v1/canned-responses/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['canned responses'],
        summary: 'One canned response',
        params: idParams,
        response: {
          ...errorResponses,
          200: CannedResponseSchema,
        },
      },
    },
    async (req) => toCanned(await loadCanned(db, principal(req).tenantId, req.params.id)),
  );

  app.post(
    '/api/v1/canned-responses',
    {
      preHandler: admin,
      schema: {
        tags: ['canned responses'],
        summary: 'Add a canned response (owners and admins)',
        body: z.object({ shortcode, body }),
        response: {
          ...errorResponses,
          201: CannedResponseSchema,
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const row = await db
        .tx(async (q) => {
          const { rows } = await q.query<Row>(
            `INSERT INTO canned_responses (tenant_id, shortcode, body, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
            [p.tenantId, req.body.shortcode, req.body.body, p.agentId],
          );
          await recordAudit(q, p, {
            action: 'canned.create',
            target: rows[0]!.id,
            details: { shortcode: req.body.shortcode },
          });
          return rows[0]!;
        })
        .catch((err: unknown) => {
          throw taken(err);
        });
      return reply.code(201).send(toCanned(row));
    },
  );

  app.patch(
    '/api/v1/canned-responses/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['canned responses'],
        summary: 'Change a canned response (owners and admins)',
        params: idParams,
        body: z.object({ shortcode: shortcode.optional(), body: body.optional() }),
        response: {
          ...errorResponses,
          200: CannedResponseSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const row = await db
        .tx(async (q) => {
          await loadCanned(q, p.tenantId, req.params.id);
          const { rows } = await q.query<Row>(
            `UPDATE canned_responses SET shortcode = COALESCE($3, shortcode), body = COALESCE($4, body), updated_at = now()
             WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
            [p.tenantId, req.params.id, req.body.shortcode ?? null, req.body.body ?? null],
          );
          await recordAudit(q, p, {
            action: 'canned.update',
            target: req.params.id,
            details: { fields: Object.keys(req.body) },
          });
          return rows[0]!;
        })
        .catch((err: unknown) => {
          throw taken(err);
        });
      return toCanned(row);
    },
  );

  app.delete(
    '/api/v1/canned-responses/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['canned responses'],
        summary: 'Delete a canned response (owners and admins)',
        params: idParams,
        response: {
          ...errorResponses,
          204: z.null(),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await db.tx(async (q) => {
        const row = await loadCanned(q, p.tenantId, req.params.id);
        await q.query('DELETE FROM canned_responses WHERE id = $1', [row.id]);
        await recordAudit(q, p, {
          action: 'canned.delete',
          target: row.id,
          details: { shortcode: row.shortcode },
        });
      });
      return reply.code(204).send(null);
    },
  );
};
