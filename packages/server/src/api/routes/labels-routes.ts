// The label catalogue: what the dashboard offers when labelling. Listing also shows labels already
// in use on conversations, so nothing an agent typed disappears from the choices. Admins keep it.
import { z } from 'zod';
import { loadVisibility, visibleConversationsSql } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { normaliseLabels } from '../../inbox/labels.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

const LabelSchema = z.object({
  id: z.string().describe('The label itself (labels are names)'),
  name: z.string(),
  inCatalogue: z.boolean(),
  conversations: z.number().int(),
});

export const labelsRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);

  app.get(
    '/api/v1/labels',
    {
      preHandler: auth,
      schema: {
        tags: ['labels'],
        summary: 'Labels of your tenant: the catalogue and those in use',
        response: { 200: z.object({ labels: z.array(LabelSchema) }) },
      },
    },
    async (req) => {
      const p = principal(req);
      // Labels in use and their counts come from the conversations the caller sees; the catalogue
      // is the tenant's shared vocabulary.
      const visible = visibleConversationsSql(await loadVisibility(db, p), 2);
      const { rows } = await db.query<{ name: string; in_catalogue: boolean; n: number }>(
        `WITH used AS (SELECT unnest(labels) AS name FROM conversations c WHERE tenant_id = $1 AND ${visible.sql})
         SELECT name, bool_or(cat) AS in_catalogue, count(*) FILTER (WHERE NOT cat)::int8 AS n FROM (
           SELECT name, true AS cat FROM labels WHERE tenant_id = $1
           UNION ALL SELECT name, false FROM used
         ) x GROUP BY name ORDER BY name`,
        [p.tenantId, ...visible.params],
      );
      return {
        labels: rows.map((r) => ({
          id: r.name,
          name: r.name,
          inCatalogue: r.in_catalogue,
          conversations: Number(r.n),
        })),
      };
    },
  );

  app.post(
    '/api/v1/labels',
    {
      preHandler: [auth, requireAdmin],
      schema: {
        tags: ['labels'],
        summary: 'Add a label to the catalogue',
        body: z.object({ name: z.string().trim().min(1).max(50) }),
        response: { 201: LabelSchema },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const name = normaliseLabels([req.body.name])[0]!;
      await db.tx(async (q) => {
        await q.query('INSERT INTO labels (tenant_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
          p.tenantId,
          name,
        ]);
        await recordAudit(q, p, { action: 'label.create', target: `label:${name}` });
      });
      return reply.code(201).send({ id: name, name, inCatalogue: true, conversations: 0 });
    },
  );

  app.delete(
    '/api/v1/labels/:id',
    {
      preHandler: [auth, requireAdmin],
      schema: {
        tags: ['labels'],
        summary: 'Take a label out of the catalogue (conversations keep it)',
        params: z.object({ id: z.string().min(1).max(50) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const removed = await db.tx(async (q) => {
        const { rowCount } = await q.query('DELETE FROM labels WHERE tenant_id = $1 AND name = $2', [
          p.tenantId,
          req.params.id,
        ]);
        if (rowCount > 0)
          await recordAudit(q, p, { action: 'label.delete', target: `label:${req.params.id}` });
        return rowCount > 0;
      });
      if (!removed) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No such label in your catalogue');
      return reply.code(204).send(null);
    },
  );
};
