import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app-context.ts';
import { createApiToken } from '../../auth/credentials.ts';
import { readEntries } from '../../events/event-log.ts';
import { createInProcessPubSub } from '../../pubsub/in-process.ts';
import { createTestTenant, silentLog, type TestTenant } from '../../realtime/realtime.test-support.ts';
import type { Db } from '../../store/db.ts';
import { migrate } from '../../store/migrate.ts';
import { openPglite } from '../../store/pglite.ts';
import { installErrorHandler } from '../error-handler.ts';
import { availabilityRoutes } from './availability-routes.ts';

describe('PUT /api/v1/me/availability', () => {
  let db: Db;
  let t: TestTenant;
  const pubsub = createInProcessPubSub();
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  const put = (token: string, body: unknown) =>
    app.inject({
      method: 'PUT',
      url: '/api/v1/me/availability',
      headers: { authorization: `Bearer ${token}` },
      payload: body as Record<string, unknown>,
    });

  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
    t = await createTestTenant({ db, pubsub, prefix: 'av' });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandler(app, silentLog);
    await app.register(fastifyCookie);
    await app.register(availabilityRoutes, { ctx: { db, pubsub, prefix: 'av' } as unknown as AppContext });
    await app.ready();
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('stores the choice and logs it as agent.updated, whose seq is the answer’s version', async () => {
    const { agentId, token } = await t.agent('agent');
    const res = await put(token, { availability: 'away' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { agentId: string; availability: string; version: number };
    expect(body).toMatchObject({ agentId, availability: 'away' });
    const row = await db.query<{ availability: string; version: number }>(
      'SELECT availability, version FROM agents WHERE id = $1',
      [agentId],
    );
    expect(row.rows[0]).toEqual({ availability: 'away', version: body.version });
    const [entry] = await readEntries(db, t.tenantId, body.version - 1, 1);
    expect(entry).toMatchObject({ type: 'agent.updated', entityId: agentId, data: { availability: 'away' } });
  });

  it('refuses a value outside online, away, offline', async () => {
    const { token } = await t.agent('agent');
    const res = await put(token, { availability: 'busy' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'validation' } });
  });

  it('refuses an integration token, which acts for no agent', async () => {
    const { token } = await createApiToken(db, t.tenantId, 'integration', { role: 'admin' });
    const res = await put(token, { availability: 'online' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'forbidden' } });
  });
});
