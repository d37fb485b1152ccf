// API tokens for scripts and integrations. A personal token acts as its agent (so "mine" and unread
// counts mean something); an integration token acts for the tenant with a role, and only owners
// and admins make those. The secret is shown once, in the answer that creates it.
import { z } from 'zod';
import { createApiToken } from '../../auth/credentials.ts';
import { isAdmin } from '../../auth/principal.ts';
import { announceRevocation } from '../../auth/revocation.ts';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import { principal, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['personal', 'integration']),
  agentId: z.string().nullable(),
  role: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
type ApiToken = z.infer<typeof ApiTokenSchema>;

interface TokenRow {
  id: string;
  name: string;
  agent_id: string | null;
  role: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  kind: r.agent_id ? 'personal' : 'integration',
  agentId: r.agent_id,
  role: r.role,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

const COLUMNS = 'id, name, agent_id, role, created_at, last_used_at, revoked_at';

export const tokensRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);

  app.get(
    '/api/v1/tokens',
    {
      preHandler: auth,
      schema: {
        tags: ['accounts'],
        summary: 'Your personal tokens; for owners and admins, every token of the tenant',
        response: {
          ...errorResponses,
          200: z.object({ items: z.array(ApiTokenSchema) }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { rows } = await db.query<TokenRow>(
        `SELECT ${COLUMNS} FROM api_tokens WHERE tenant_id = $1 AND ($2 OR agent_id = $3) ORDER BY created_at DESC, id`,
        [p.tenantId, isAdmin(p), p.agentId],
      );
      return { items: rows.map(toToken) };
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      preHandler: auth,
      schema: {
        tags: ['accounts'],
        summary: 'Create a token; the secret is in this answer only',
        body: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('personal'), name: z.string().trim().min(1).max(100) }),
          z.object({
            kind: z.literal('integration'),
            name: z.string().trim().min(1).max(100),
            role: z.enum(['admin', 'agent', 'bot']),
          }),
        ]),
        response: {
          ...errorResponses,
          201: z.object({ token: ApiTokenSchema, secret: z.string() }),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const body = req.body;
      if (body.kind === 'personal' && !p.agentId)
        throw new ParleyError('PARLEY_ERR_FORBIDDEN', 'An integration token cannot make personal tokens');
      if (body.kind === 'integration' && !isAdmin(p))
        throw new ParleyError('PARLEY_ERR_FORBIDDEN', 'Only owners and admins may create integration tokens');
      const value = await db.tx(async (q) => {
        const issued = await createApiToken(
          q,
          p.tenantId,
          body.name,
          body.kind === 'personal' ? { agentId: p.agentId! } : { role: body.role },
        );
        const { rows } = await q.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE id = $1`, [
          issued.id,
        ]);
        await recordAudit(q, p, {
          action: 'token.create',
          target: issued.id,
          details: {
            kind: body.kind,
            name: body.name,
            ...(body.kind === 'integration' ? { role: body.role } : {}),
          },
        });
        return { token: toToken(rows[0]!), secret: issued.token };
      });
      return reply.code(201).send(value);
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['accounts'],
        summary: 'Revoke a token (your own, or any of the tenant for owners and admins)',
        params: z.object({ id: z.uuid({ message: 'expected a token id (UUID)' }) }),
        response: {
          ...errorResponses,
          204: z.null(),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const agentId = await db.tx(async (q) => {
        const { rows } = await q.query<{ agent_id: string | null }>(
          `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now())
           WHERE tenant_id = $1 AND id = $2 AND ($3 OR agent_id = $4) RETURNING agent_id`,
          [p.tenantId, req.params.id, isAdmin(p), p.agentId],
        );
        if (!rows[0])
          throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No token with this id is yours to revoke');
        await recordAudit(q, p, { action: 'token.revoke', target: req.params.id });
        return rows[0].agent_id;
      });
      // Sockets opened with the token close too, on whichever node holds them.
      await announceRevocation(ctx.pubsub, ctx.prefix, { tenantId: p.tenantId, agentId }, req.log);
      return reply.code(204).send(null);
    },
  );
};
