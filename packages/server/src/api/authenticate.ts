// Resolves the caller of a REST request and enforces CSRF for cookie sessions. Bearer tokens are
// not sent by browsers on their own, so they need no CSRF token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalFromSession, principalFromToken, SESSION_COOKIE } from '../auth/credentials.ts';
import { isAdmin, type Principal } from '../auth/principal.ts';
import { ParleyError } from '../errors.ts';
import type { Queryable } from '../store/db.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function bearerOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

export async function resolvePrincipal(db: Queryable, req: FastifyRequest): Promise<Principal | null> {
  const bearer = bearerOf(req);
  if (bearer) return principalFromToken(db, bearer);
  const session = req.cookies[SESSION_COOKIE];
  return session ? principalFromSession(db, session) : null;
}

/** preHandler for routes that need a caller. */
export const requireAuth = (db: Queryable) => async (req: FastifyRequest, _reply: FastifyReply) => {
  const p = await resolvePrincipal(db, req);
  if (!p) throw new ParleyError('PARLEY_ERR_UNAUTHENTICATED');
  if (p.via === 'session' && UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== p.csrfToken) {
    throw new ParleyError('PARLEY_ERR_CSRF');
  }
  if (p.role === 'bot' && !BOT_ROUTES.has(`${req.method} ${req.routeOptions.url}`)) {
    throw new ParleyError(
      'PARLEY_ERR_FORBIDDEN',
      'A bot token may only read and answer its conversations, label them and hand them off',
    );
  }
  req.principal = p;
};

/** What a bot token may do: read and answer the conversations it holds, label, hand off. */
const BOT_ROUTES = new Set([
  'GET /api/v1/me',
  'GET /api/v1/conversations/:id',
  'GET /api/v1/conversations/:id/messages',
  'POST /api/v1/conversations/:id/messages',
  'PUT /api/v1/conversations/:id/labels',
  'POST /api/v1/conversations/:id/handoff',
  'GET /api/v1/conversations/:id/bot',
]);

export const requireAdmin = async (req: FastifyRequest) => {
  if (!req.principal || !isAdmin(req.principal))
    throw new ParleyError('PARLEY_ERR_FORBIDDEN', 'Only owners and admins may do this');
};

export function principal(req: FastifyRequest): Principal {
  if (!req.principal) throw new ParleyError('PARLEY_ERR_UNAUTHENTICATED');
  return req.principal;
}
