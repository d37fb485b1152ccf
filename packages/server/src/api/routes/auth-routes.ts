import { Redis } from 'ioredis';
import { z } from 'zod';
import { createSession, endSession, SESSION_COOKIE, SESSION_TTL_MS } from '../../auth/credentials.ts';
import { createLoginLimiter, LOGIN_LIMITS } from '../../auth/login-limiter.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { announceRevocation } from '../../auth/revocation.ts';
import { ParleyError } from '../../errors.ts';
import { principal, requireAuth } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

export const AgentSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'admin', 'agent', 'bot']),
  availability: z.enum(['online', 'away', 'offline']),
});

// Argon2 verification of a made-up hash keeps "no such email" as slow as "wrong password".
let decoyHash: Promise<string> | null = null;

export const authRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  // Scale mode counts in Redis, so N API processes do not allow N times the guesses.
  const redis =
    ctx.config.mode === 'scale' ? new Redis(ctx.config.REDIS_URL!, { maxRetriesPerRequest: 1 }) : null;
  if (redis)
    app.addHook('onClose', async () => {
      await redis.quit();
    });
  const limiter = createLoginLimiter(redis, ctx.prefix);

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password; sets the session cookie',
        description: `Wrong passwords are limited per account and address (${LOGIN_LIMITS.perPair.points} per ${LOGIN_LIMITS.perPair.duration / 60} minutes) and per account (${LOGIN_LIMITS.perAccount.points} an hour); every address has ${LOGIN_LIMITS.perAddress.points} attempts a minute. Past a limit: 429 rate_limited with Retry-After. The answer carries the CSRF token that unsafe requests of this session send as x-csrf-token.`,
        security: [],
        body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }),
        response: { 200: z.object({ agent: AgentSchema, csrfToken: z.string() }) },
      },
    },
    async (req, reply) => {
      const wait = await limiter.admit(req.body.email, req.ip);
      if (wait !== null) {
        reply.header('retry-after', String(wait));
        throw new ParleyError('PARLEY_ERR_RATE_LIMITED');
      }
      const { rows } = await db.query<{
        id: string;
        tenant_id: string;
        email: string;
        name: string;
        role: 'owner';
        availability: 'online';
        password_hash: string | null;
      }>(
        'SELECT id, tenant_id, email, name, role, availability, password_hash FROM agents WHERE lower(email) = lower($1) AND NOT disabled',
        [req.body.email],
      );
      const agent = rows[0];
      decoyHash ??= hashPassword('decoy-password-for-timing');
      const matches = await verifyPassword(agent?.password_hash ?? (await decoyHash), req.body.password);
      if (!agent?.password_hash || !matches) {
        await limiter.failed(req.body.email, req.ip);
        throw new ParleyError('PARLEY_ERR_BAD_CREDENTIALS');
      }
      await limiter.succeeded(req.body.email, req.ip);
      const session = await createSession(db, { id: agent.id, tenantId: agent.tenant_id });
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        path: '/',
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return {
        agent: {
          id: agent.id,
          tenantId: agent.tenant_id,
          email: agent.email,
          name: agent.name,
          role: agent.role,
          availability: agent.availability,
        },
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      preHandler: requireAuth(db),
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        await endSession(db, token);
        const p = principal(req);
        // This session's open sockets close too, on whichever node holds them.
        await announceRevocation(
          ctx.pubsub,
          ctx.prefix,
          { tenantId: p.tenantId, agentId: p.agentId },
          req.log,
        );
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      preHandler: requireAuth(db),
      schema: {
        tags: ['auth'],
        summary: 'The caller, and the CSRF token of its session',
        response: {
          200: z.object({
            agent: AgentSchema.nullable(),
            role: z.string(),
            tenantId: z.string(),
            csrfToken: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { rows } = p.agentId
        ? await db.query<{
            id: string;
            tenant_id: string;
            email: string;
            name: string;
            role: 'owner';
            availability: 'online';
          }>('SELECT id, tenant_id, email, name, role, availability FROM agents WHERE id = $1', [p.agentId])
        : { rows: [] };
      const a = rows[0];
      return {
        agent: a
          ? {
              id: a.id,
              tenantId: a.tenant_id,
              email: a.email,
              name: a.name,
              role: a.role,
              availability: a.availability,
            }
          : null,
        role: p.role,
        tenantId: p.tenantId,
        csrfToken: p.csrfToken,
      };
    },
  );
};
