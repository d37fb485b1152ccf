// Embedded Signup through the REST API, with the simulator as Meta: the popup's code in, channels out.
import { createSimulator, type Simulator } from '@parley/wa-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../auth/credentials.ts';
import { apiClient } from '../../test-support/inbox-fixture.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

const APP = { id: '4242', secret: 'signup-app-secret' };
let sim: Simulator;
let server: TestServer;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  sim = createSimulator({ webhookUrl: 'http://127.0.0.1:9/unused', appSecret: APP.secret, appId: APP.id });
  await sim.start();
  server = await startTestServer({
    env: {
      WHATSAPP_GRAPH_URL: sim.url,
      WHATSAPP_APP_SECRET: APP.secret,
      WHATSAPP_VERIFY_TOKEN: 'signup-verify',
      PARLEY_META_APP_ID: APP.id,
      PARLEY_META_CONFIG_ID: 'config-7',
    },
  });
  const { token } = await createApiToken(server.ctx.db, server.admin.tenantId, 'integration', {
    role: 'admin',
  });
  call = apiClient(server.baseUrl, token);
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await sim?.stop();
});

describe('Embedded Signup over REST', () => {
  it('tells the dashboard the app and configuration to open the popup with', async () => {
    const res = await call('GET', '/api/v1/channels/embedded-signup');
    expect(res.body).toEqual({ enabled: true, appId: APP.id, configId: 'config-7' });
  });

  it('connects the number the business granted, with its token, and subscribes the app to its WABA', async () => {
    const signup = sim.completeSignup({ displayPhoneNumber: '15550003333' });
    const res = await call('POST', '/api/v1/channels/embedded-signup', { code: signup.code });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      items: [
        {
          phoneNumberId: signup.phoneNumberId,
          wabaId: signup.wabaId,
          displayPhoneNumber: '15550003333',
          hasAccessToken: true,
          hasAppSecret: true,
        },
      ],
    });
    expect(sim.subscribedApps(signup.wabaId)).toEqual([APP.id]);
    const listed = (await call('GET', '/api/v1/channels')).body as { items: { phoneNumberId: string }[] };
    expect(listed.items.map((c) => c.phoneNumberId)).toContain(signup.phoneNumberId);
  });

  it('refuses a code Meta does not know, saying which step failed, and connects nothing', async () => {
    const before = ((await call('GET', '/api/v1/channels')).body as { items: unknown[] }).items.length;
    const res = await call('POST', '/api/v1/channels/embedded-signup', { code: 'made-up' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { message: expect.stringMatching(/exchanging the signup code/) },
    });
    expect(((await call('GET', '/api/v1/channels')).body as { items: unknown[] }).items).toHaveLength(before);
  });

  it('refuses a number that is connected already', async () => {
    const signup = sim.completeSignup();
    expect((await call('POST', '/api/v1/channels/embedded-signup', { code: signup.code })).status).toBe(201);
    const again = sim.completeSignup({ phoneNumberId: signup.phoneNumberId, wabaId: signup.wabaId });
    const res = await call('POST', '/api/v1/channels/embedded-signup', { code: again.code });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { message: expect.stringMatching(/connected already/) } });
  });
});
