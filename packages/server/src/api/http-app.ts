// One HTTP server per process. The webhook path goes straight to the lean gateway handler (no
// framework on the hot path); everything else is Fastify; Socket.IO attaches to the same server.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import type { AppContext } from '../app-context.ts';
import { WEB_DIST } from '../server-files.ts';
import { createGateway, WEBHOOK_PATH } from '../webhook/gateway.ts';
import { installErrorHandler } from './error-handler.ts';
import { MINIMAL_PAGE } from './minimal-page.ts';
import { createPublicServer } from './public-port.ts';
import { refuseUnstorableText } from './refuse-unstorable.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { agentsRoutes } from './routes/agents-routes.ts';
import { assignmentRoutes } from './routes/assignment-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { availabilityRoutes } from './routes/availability-routes.ts';
import { botsRoutes } from './routes/bots-routes.ts';
import { cannedResponsesRoutes } from './routes/canned-responses-routes.ts';
import { channelsRoutes } from './routes/channels-routes.ts';
import { contactsRoutes } from './routes/contacts-routes.ts';
import { conversationActionsRoutes } from './routes/conversation-actions-routes.ts';
import { conversationRoutes } from './routes/conversation-routes.ts';
import { embeddedSignupRoutes } from './routes/embedded-signup-routes.ts';
import { labelsRoutes } from './routes/labels-routes.ts';
import { macrosRoutes } from './routes/macros-routes.ts';
import { notesRoutes } from './routes/notes-routes.ts';
import { opsRoutes } from './routes/ops-routes.ts';
import { outboundRoutes } from './routes/outbound-routes.ts';
import { outgoingWebhooksRoutes } from './routes/outgoing-webhooks-routes.ts';
import { reportsRoutes } from './routes/reports-routes.ts';
import { schedulingRoutes } from './routes/scheduling-routes.ts';
import { searchRoutes } from './routes/search-routes.ts';
import { syncRoutes } from './routes/sync-routes.ts';
import { teamsRoutes } from './routes/teams-routes.ts';
import { tokensRoutes } from './routes/tokens-routes.ts';
import { inlinePagePolicy, installSecurityHeaders, swaggerUiPolicy } from './security-headers.ts';

export interface HttpParts {
  gateway: boolean;
  api: boolean;
}

/** Fastify's trustProxy: a hop count trusts the n nearest proxies (as proxy-addr counts hops). */
const trustedProxies = (setting: false | number | string[]) =>
  typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;

export async function createHttpApp(
  ctx: AppContext,
  parts: HttpParts,
): Promise<{ app: FastifyInstance; server: Server }> {
  const gateway = parts.gateway
    ? createGateway({
        ...ctx,
        maxBytes: ctx.config.PARLEY_WEBHOOK_MAX_BYTES,
        appSecret: ctx.appSecret,
        verifyToken: ctx.verifyToken,
      })
    : null;
  let server: Server | undefined;
  const app = Fastify({
    logger: false,
    // Off unless PARLEY_TRUST_PROXY says which proxies may name the client (X-Forwarded-For).
    trustProxy: trustedProxies(ctx.config.PARLEY_TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    serverFactory: (handler) => {
      server = createPublicServer(ctx.config, (req, res) => {
        if (gateway && req.url?.startsWith(WEBHOOK_PATH)) void gateway(req, res);
        else handler(req, res);
      });
      return server;
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, ctx.log);
  refuseUnstorableText(app);

  await installSecurityHeaders(app);
  await app.register(fastifyCookie);
  // Limits (login attempts) are counted in Redis in scale mode, so N API processes do not allow N
  // times the limit. If Redis stops answering, requests pass rather than fail.
  const limitStore = ctx.config.REDIS_URL
    ? new Redis(ctx.config.REDIS_URL, { maxRetriesPerRequest: 1 })
    : null;
  if (limitStore)
    app.addHook('onClose', async () => {
      await limitStore.quit();
    });
  await app.register(fastifyRateLimit, {
    global: false,
    ...(limitStore ? { redis: limitStore, nameSpace: `${ctx.prefix}-limit-`, skipOnError: true } : {}),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version: '0.1.0',
        description: 'The REST API of Parley, the shared team inbox for WhatsApp Business.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal or integration token' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'parley_session',
            description: 'Browser session; unsafe methods also need x-csrf-token',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/v1/docs',
    staticCSP: true,
    transformStaticCSP: swaggerUiPolicy,
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(opsRoutes, { ctx });
  if (parts.api) {
    await app.register(authRoutes, { ctx });
    await app.register(adminRoutes, { ctx });
    await app.register(syncRoutes, { ctx });
    await app.register(availabilityRoutes, { ctx });
    await app.register(conversationRoutes, { ctx });
    await app.register(assignmentRoutes, { ctx });
    await app.register(outboundRoutes, { ctx });
    for (const routes of [
      agentsRoutes,
      teamsRoutes,
      tokensRoutes,
      channelsRoutes,
      embeddedSignupRoutes,
      conversationActionsRoutes,
      notesRoutes,
      cannedResponsesRoutes,
      contactsRoutes,
      searchRoutes,
      auditRoutes,
      botsRoutes,
      schedulingRoutes,
      labelsRoutes,
      reportsRoutes,
      outgoingWebhooksRoutes,
      macrosRoutes,
    ]) {
      await app.register(routes, { ctx });
    }
    if (existsSync(join(WEB_DIST, 'index.html'))) {
      await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
      // Client-side routes of the dashboard all load its index.html.
      app.get('/app', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
      app.get('/app/*', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
    } else {
      const policy = inlinePagePolicy(MINIMAL_PAGE);
      app.get('/', { schema: { hide: true } }, (_req, reply) =>
        reply.type('text/html').header('content-security-policy', policy).send(MINIMAL_PAGE),
      );
    }
  }
  await app.ready();
  if (!server) throw new Error('Fastify did not create the HTTP server');
  return { app, server };
}
