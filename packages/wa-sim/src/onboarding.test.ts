import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './sim-test-support.ts';

// Embedded Signup and the checks after it, over HTTP as Parley calls them.
let h: Harness;
afterEach(async () => {
  await h.close();
});

const V = '/v23.0';
const exchange = (q: Record<string, string>) =>
  h.graph(`${V}/oauth/access_token?${new URLSearchParams(q)}`, { token: null });
const errorOf = (body: Record<string, unknown>) =>
  body.error as { code: number; error_data?: { details: string } };

describe('Graph API: connecting a number (Embedded Signup)', () => {
  it('exchanges the popup’s code once, with the app’s id and secret, for a token of that business', async () => {
    h = await startHarness({ appId: 'app-1' });
    const signup = h.sim.completeSignup();
    const good = { client_id: 'app-1', client_secret: 'test-secret', code: signup.code };
    const wrongSecret = await exchange({ ...good, client_secret: 'nope' });
    expect(wrongSecret.status).toBe(400);
    expect(errorOf(wrongSecret.body).error_data?.details).toMatch(/client secret/);
    expect(errorOf((await exchange({ ...good, client_id: 'other-app' })).body).code).toBe(100);
    expect(errorOf((await exchange({ ...good, code: 'made-up' })).body).code).toBe(100);
    const ok = await exchange(good);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ access_token: expect.stringMatching(/^EAA/), token_type: 'bearer' });
    expect(errorOf((await exchange(good)).body).error_data?.details).toMatch(/used already/);
  });

  it('debugs a token: valid, which WABAs it was granted; a bad one is reported, not refused', async () => {
    h = await startHarness({ appId: 'app-1' });
    const signup = h.sim.completeSignup();
    const token = (await exchange({ client_id: 'app-1', client_secret: 'test-secret', code: signup.code }))
      .body.access_token as string;
    const appToken = 'app-1|test-secret';
    const seen = await h.graph(`${V}/debug_token?input_token=${token}`, { token: appToken });
    expect(seen.body.data).toMatchObject({
      app_id: 'app-1',
      is_valid: true,
      expires_at: 0,
      granular_scopes: [
        { scope: 'whatsapp_business_management', target_ids: [signup.wabaId] },
        { scope: 'whatsapp_business_messaging', target_ids: [signup.wabaId] },
      ],
    });
    const bad = await h.graph(`${V}/debug_token?input_token=expired`, { token: appToken });
    expect(bad.status).toBe(200);
    expect(bad.body.data).toMatchObject({ is_valid: false, error: { code: 190 } });
    expect((await h.graph(`${V}/debug_token?input_token=${token}`, { token: 'nope' })).status).toBe(401);
  });

  it('shows a token only its own business’s WABA and numbers', async () => {
    h = await startHarness();
    const signup = h.sim.completeSignup({ displayPhoneNumber: '15550001111' });
    const token = (await exchange({ client_id: 'sim-app', client_secret: 'test-secret', code: signup.code }))
      .body.access_token as string;
    const numbers = await h.graph(`${V}/${signup.wabaId}/phone_numbers`, { token });
    expect(numbers.body.data).toEqual([
      expect.objectContaining({
        id: signup.phoneNumberId,
        display_phone_number: '15550001111',
        status: 'PENDING',
      }),
    ]);
    expect((await h.graph(`${V}/${signup.phoneNumberId}`, { token })).status).toBe(200);
    // Another business's WABA and number: Meta's "does not exist or missing permissions".
    const [seeded] = h.sim.channels;
    expect(errorOf((await h.graph(`${V}/${seeded!.wabaId}/phone_numbers`, { token })).body).code).toBe(100);
    expect(errorOf((await h.graph(`${V}/${seeded!.phoneNumberId}`, { token })).body).code).toBe(100);
    const send = JSON.stringify({
      messaging_product: 'whatsapp',
      to: '16505551234',
      type: 'text',
      text: { body: 'x' },
    });
    expect(
      errorOf(
        (await h.graph(`${V}/${seeded!.phoneNumberId}/messages`, { method: 'POST', body: send, token })).body,
      ).code,
    ).toBe(100);
  });

  it('subscribes the app to a new WABA, and registers its number with a six-digit PIN', async () => {
    h = await startHarness();
    const signup = h.sim.completeSignup();
    const token = (await exchange({ client_id: 'sim-app', client_secret: 'test-secret', code: signup.code }))
      .body.access_token as string;
    const apps = () => h.graph(`${V}/${signup.wabaId}/subscribed_apps`, { token });
    expect((await apps()).body).toEqual({ data: [] });
    expect((await h.graph(`${V}/${signup.wabaId}/subscribed_apps`, { method: 'POST', token })).body).toEqual({
      success: true,
    });
    expect((await apps()).body.data).toEqual([
      expect.objectContaining({ whatsapp_business_api_data: expect.objectContaining({ id: 'sim-app' }) }),
    ]);
    expect(h.sim.subscribedApps(signup.wabaId)).toEqual(['sim-app']);
    // The configured number's WABA is subscribed from the start.
    expect(h.sim.subscribedApps(h.sim.channels[0]!.wabaId)).toEqual(['sim-app']);

    const reg = (pin: unknown) =>
      h.graph(`${V}/${signup.phoneNumberId}/register`, {
        method: 'POST',
        body: JSON.stringify({ messaging_product: 'whatsapp', pin }),
        token,
      });
    expect(h.sim.isRegistered(signup.phoneNumberId)).toBe(false);
    expect(errorOf((await reg('12')).body).error_data?.details).toMatch(/six-digit/);
    expect((await reg('246810')).body).toEqual({ success: true });
    expect(h.sim.isRegistered(signup.phoneNumberId)).toBe(true);
    expect(errorOf((await reg('111111')).body).error_data?.details).toMatch(/does not match/);
    const numbers = await h.graph(`${V}/${signup.wabaId}/phone_numbers`, { token });
    expect(numbers.body.data).toEqual([
      expect.objectContaining({ status: 'CONNECTED', platform_type: 'CLOUD_API' }),
    ]);
  });
});
