import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ADMIN_OPERATIONS } from '../../admin/operations.ts';
import { ParleyError } from '../../errors.ts';
import { bearerOf } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

/**
 * Instance administration for the `parley` CLI: every operation of admin/operations.ts as
 * POST /api/v1/admin/<name>, allowed only with the instance admin token (kept in the data folder).
 */
export const adminRoutes: ApiPlugin = async (app, { ctx }) => {
  const expected = ctx.adminToken ? Buffer.from(ctx.adminToken) : null;
  const requireInstanceAdmin = async (req: FastifyRequest) => {
    const given = Buffer.from(bearerOf(req) ?? '');
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ParleyError(
        'PARLEY_ERR_UNAUTHENTICATED',
        'Send the instance admin token (secrets.json in the data folder) as a bearer token',
      );
    }
  };
  for (const op of ADMIN_OPERATIONS) {
    app.post(
      `/api/v1/admin/${op.name}`,
      {
        preHandler: requireInstanceAdmin,
        schema: { tags: ['admin'], summary: op.summary, body: op.input as z.ZodType },
      },
      async (req) => ({ result: await op.run(ctx, req.body as never) }),
    );
  }
};
