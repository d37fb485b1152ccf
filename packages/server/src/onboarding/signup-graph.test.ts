// Embedded Signup's Graph calls against the WhatsApp simulator, which implements Meta's side of them.
import { createSimulator, type Simulator } from '@parley/wa-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignupGraph, discoverSignup } from './signup-graph.ts';

const app = { id: 'parley-app', secret: 'parley-app-secret' };
let sim: Simulator;
let graph: ReturnType<typeof createSignupGraph>;

beforeAll(async () => {
  sim = createSimulator({ webhookUrl: 'http://127.0.0.1:9/unused', appSecret: app.secret, appId: app.id });
  await sim.start();
  graph = createSignupGraph({ baseUrl: sim.url, version: 'v23.0' });
});
afterAll(() => sim.stop());

describe('Embedded Signup against the simulator', () => {
  it('exchanges the code, finds the granted WABA and its number, and subscribes the app to it', async () => {
    const signup = sim.completeSignup({ displayPhoneNumber: '15550002222' });
    expect(sim.subscribedApps(signup.wabaId)).toEqual([]);
    const found = await discoverSignup(graph, app, signup.code);
    expect(found).toMatchObject({
      ok: true,
      value: {
        token: expect.any(String),
        numbers: [
          {
            phoneNumberId: signup.phoneNumberId,
            wabaId: signup.wabaId,
            displayPhoneNumber: '15550002222',
            status: 'PENDING',
          },
        ],
      },
    });
    expect(sim.subscribedApps(signup.wabaId)).toEqual([app.id]);
    if (!found.ok) return;
    expect(await graph.subscribedAppIds(signup.wabaId, found.value.token)).toEqual({
      ok: true,
      value: [app.id],
    });
    // The token is the business's: another business's WABA stays out of its reach.
    const other = await graph.phoneNumbers(sim.channels[0]!.wabaId, found.value.token);
    expect(other.ok).toBe(false);
  });

  it('says which step failed: a code used twice, a wrong app secret, a token Meta no longer knows', async () => {
    const signup = sim.completeSignup();
    expect((await discoverSignup(graph, app, signup.code)).ok).toBe(true);
    const again = await discoverSignup(graph, app, signup.code);
    expect(again).toMatchObject({
      ok: false,
      failure: { title: expect.stringMatching(/exchanging the signup code/) },
    });
    const wrongSecret = await discoverSignup(graph, { ...app, secret: 'nope' }, sim.completeSignup().code);
    expect(wrongSecret).toMatchObject({
      ok: false,
      failure: { details: expect.stringMatching(/client secret/) },
    });
    const unknown = await graph.grantedWabaIds(app, 'EAAexpired');
    expect(unknown).toMatchObject({ ok: false, failure: { title: expect.stringMatching(/not valid/) } });
  });
});
