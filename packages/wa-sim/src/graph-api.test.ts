import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './sim-test-support.ts';
import { webhookEnvelopeSchema } from './webhook-schema.ts';

const customer = '16505551234';
const path = '/v21.0/106540352242922/messages';
const text = (to = customer, body = 'Hello from Parley') =>
  JSON.stringify({ messaging_product: 'whatsapp', to, type: 'text', text: { body } });
let h: Harness;

afterEach(async () => {
  await h.close();
});

function errorCode(body: Record<string, unknown>): number | undefined {
  return (body.error as { code?: number } | undefined)?.code;
}

describe('Graph API: sending messages', () => {
  it('accepts a text reply inside the service window, in Meta’s success shape', async () => {
    h = await startHarness();
    await h.sim.sendText(customer, 'Hi');
    const res = await h.graph(path, { method: 'POST', body: text() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      messaging_product: 'whatsapp',
      contacts: [{ input: customer, wa_id: customer }],
    });
    const id = (res.body.messages as Array<{ id: string }>)[0]?.id;
    expect(id).toMatch(/^wamid\./);
    expect(h.sim.received()[0]).toMatchObject({ id, waId: customer, type: 'text' });
  });

  it('refuses a bad token with 190', async () => {
    h = await startHarness();
    const res = await h.graph(path, { method: 'POST', body: text(), token: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    expect((res.body.error as { fbtrace_id?: string }).fbtrace_id).toBeTruthy();
  });

  it('accepts the tokens it was given and only those', async () => {
    h = await startHarness({ tokens: ['a', 'b'], window: 'off' });
    expect((await h.graph(path, { method: 'POST', body: text(), token: 'b' })).status).toBe(200);
    expect(errorCode((await h.graph(path, { method: 'POST', body: text(), token: 'sim-token' })).body)).toBe(
      190,
    );
  });

  it('answers 100 for an invalid parameter', async () => {
    h = await startHarness({ window: 'off' });
    const res = await h.graph(path, {
      method: 'POST',
      body: JSON.stringify({ messaging_product: 'whatsapp', to: customer, type: 'text', text: {} }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 100,
      error_data: { details: expect.stringContaining('text.body') },
    });
    const noProduct = await h.graph(path, {
      method: 'POST',
      body: JSON.stringify({ to: customer, text: { body: 'x' } }),
    });
    expect(errorCode(noProduct.body)).toBe(100);
  });

  it('answers 131051 for a message type it does not support', async () => {
    h = await startHarness({ window: 'off' });
    const res = await h.graph(path, {
      method: 'POST',
      body: JSON.stringify({ messaging_product: 'whatsapp', to: customer, type: 'poll', poll: {} }),
    });
    expect(errorCode(res.body)).toBe(131051);
  });

  it('refuses free-form text outside the 24-hour window with 131047, but lets a template through', async () => {
    let clock = 1_700_000_000_000;
    h = await startHarness({ now: () => clock });
    expect(errorCode((await h.graph(path, { method: 'POST', body: text() })).body)).toBe(131047);
    await h.sim.sendText(customer, 'Hi');
    expect((await h.graph(path, { method: 'POST', body: text() })).status).toBe(200);
    clock += 24 * 3600_000 + 1;
    const late = await h.graph(path, { method: 'POST', body: text() });
    expect(late.status).toBe(400);
    expect(late.body.error).toMatchObject({
      code: 131047,
      message: expect.stringContaining('Re-engagement'),
    });
    const template = JSON.stringify({
      messaging_product: 'whatsapp',
      to: customer,
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    const res = await h.graph(path, { method: 'POST', body: template });
    expect(res.status).toBe(200);
    expect((res.body.messages as Array<{ message_status?: string }>)[0]?.message_status).toBe('accepted');
  });

  it('can report the closed window as a failed status instead, as Meta often does', async () => {
    h = await startHarness({ windowMode: 'status' });
    expect((await h.graph(path, { method: 'POST', body: text() })).status).toBe(200);
    await h.sim.idle();
    expect(h.statuses()).toEqual([
      expect.objectContaining({ status: 'failed', errors: [expect.objectContaining({ code: 131047 })] }),
    ]);
  });

  it('checks template name, language and parameter count', async () => {
    h = await startHarness();
    const send = (template: object) =>
      h.graph(path, {
        method: 'POST',
        body: JSON.stringify({ messaging_product: 'whatsapp', to: customer, type: 'template', template }),
      });
    expect(errorCode((await send({ name: 'nope', language: { code: 'en_US' } })).body)).toBe(132001);
    expect(errorCode((await send({ name: 'appointment_reminder', language: { code: 'en_US' } })).body)).toBe(
      132000,
    );
    const ok = await send({
      name: 'appointment_reminder',
      language: { code: 'en_US' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Ana' },
            { type: 'text', text: 'Friday 3pm' },
          ],
        },
      ],
    });
    expect(ok.status).toBe(200);
  });

  it('limits throughput per number with 130429', async () => {
    const clock = 1_700_000_000_000;
    h = await startHarness({ rateLimit: 3, window: 'off', now: () => clock, autoStatuses: false });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await h.graph(path, { method: 'POST', body: text() })).status);
    expect(codes).toEqual([200, 200, 200, 400, 400]);
    const limited = await h.graph(path, { method: 'POST', body: text() });
    expect(errorCode(limited.body)).toBe(130429);
  });

  it('answers mark-as-read with success and records it', async () => {
    h = await startHarness();
    const { message } = await h.sim.sendText(customer, 'Hi');
    const res = await h.graph(path, {
      method: 'POST',
      body: JSON.stringify({ messaging_product: 'whatsapp', status: 'read', message_id: message.id }),
    });
    expect(res).toEqual({ status: 200, body: { success: true } });
    expect(h.sim.reads()[0]?.messageId).toBe(message.id);
  });

  it('accepts interactive, reaction, location and media-by-link sends', async () => {
    h = await startHarness({ window: 'off', autoStatuses: false });
    const bodies = [
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Pick' },
          action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
        },
      },
      { type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } },
      { type: 'location', location: { latitude: 1, longitude: 2 } },
      { type: 'image', image: { link: 'https://example.com/a.png', caption: 'x' } },
    ];
    for (const b of bodies) {
      const res = await h.graph(path, {
        method: 'POST',
        body: JSON.stringify({ messaging_product: 'whatsapp', to: customer, ...b }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const noSource = await h.graph(path, {
      method: 'POST',
      body: JSON.stringify({ messaging_product: 'whatsapp', to: customer, type: 'image', image: {} }),
    });
    expect(errorCode(noSource.body)).toBe(100);
  });

  it('refuses a phone number id it does not serve, and unknown paths', async () => {
    h = await startHarness({ window: 'off' });
    const other = await h.graph('/v21.0/999/messages', { method: 'POST', body: text() });
    expect(other.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(
      errorCode((await h.graph('/nope/106540352242922/messages', { method: 'POST', body: text() })).body),
    ).toBe(2500);
  });
});

describe('Graph API: status webhooks after a send', () => {
  it('emits sent, delivered and read with conversation and pricing, all valid against the schema', async () => {
    h = await startHarness();
    await h.sim.sendText(customer, 'Hi');
    const res = await h.graph(path, { method: 'POST', body: text() });
    const id = (res.body.messages as Array<{ id: string }>)[0]?.id;
    await h.sim.idle();
    const statuses = h.statuses().filter((s) => s.id === id);
    expect(statuses.map((s) => s.status).sort()).toEqual(['delivered', 'read', 'sent']);
    const sent = statuses.find((s) => s.status === 'sent');
    expect(sent?.conversation?.expiration_timestamp).toMatch(/^\d{10}$/);
    expect(sent?.pricing).toMatchObject({ category: 'service', pricing_model: 'PMP' });
    expect(statuses.find((s) => s.status === 'read')?.conversation).toBeUndefined();
    const validate = new Ajv({ strict: false }).compile(webhookEnvelopeSchema);
    for (const r of h.receiver.requests) expect(validate(JSON.parse(r.body))).toBe(true);
  });

  it('schedules statuses with zero delays into one flush, where chaos can batch or reorder them', async () => {
    h = await startHarness({ chaos: { batchSize: 3 } });
    await h.sim.sendText(customer, 'Hi');
    const before = h.receiver.requests.length;
    await h.graph(path, { method: 'POST', body: text() });
    await h.sim.idle();
    expect(h.receiver.requests.length - before).toBe(1);
    expect(h.statuses().map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
  });

  it('echoes biz_opaque_callback_data in every status of the send', async () => {
    h = await startHarness({ window: 'off' });
    const body = JSON.stringify({
      messaging_product: 'whatsapp',
      to: customer,
      type: 'text',
      text: { body: 'x' },
      biz_opaque_callback_data: 'parley:42',
    });
    await h.graph(path, { method: 'POST', body });
    await h.sim.idle();
    expect(h.statuses().map((s) => s.biz_opaque_callback_data)).toEqual([
      'parley:42',
      'parley:42',
      'parley:42',
    ]);
  });

  it('with earlyStatus, the sent webhook arrives before the Graph answer', async () => {
    h = await startHarness({ chaos: { earlyStatus: true } });
    await h.sim.sendText(customer, 'Hi');
    const before = h.receiver.requests.length;
    const res = await h.graph(path, { method: 'POST', body: text() });
    const id = (res.body.messages as Array<{ id: string }>)[0]?.id;
    expect(h.receiver.requests.length).toBeGreaterThan(before);
    expect(h.statuses().some((s) => s.id === id && s.status === 'sent')).toBe(true);
  });
});

describe('Graph API: failing after accepting', () => {
  it('answers 500 for a send it took: the customer has it and its statuses still come', async () => {
    h = await startHarness({ window: 'off' });
    h.sim.failNextSends(1);
    const body = text(customer, 'taken, then 500');
    const res = await h.graph(path, { method: 'POST', body });
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: 131000 });
    await h.sim.idle();
    expect(h.sim.received()).toHaveLength(1);
    const id = h.sim.received()[0]!.id;
    expect(
      h
        .statuses()
        .filter((s) => s.id === id)
        .map((s) => s.status),
    ).toEqual(['sent', 'delivered', 'read']);
    // Only the next send was told to fail.
    expect((await h.graph(path, { method: 'POST', body })).status).toBe(200);
  });

  it('with acceptedErrorRate 1 answers every accepted send 500, and /_sim/fail-next-sends adds more', async () => {
    h = await startHarness({ window: 'off', chaos: { acceptedErrorRate: 1 } });
    const res = await h.graph(path, { method: 'POST', body: text() });
    expect(res.status).toBe(500);
    expect(h.sim.received()).toHaveLength(1);
    const bad = await fetch(`${h.sim.url}/_sim/fail-next-sends`, { method: 'POST', body: '{"count":-1}' });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${h.sim.url}/_sim/fail-next-sends`, { method: 'POST', body: '{"count":2}' });
    expect(ok.status).toBe(200);
  });
});

describe('Graph API: templates', () => {
  it('lists templates in Meta’s paged shape', async () => {
    h = await startHarness();
    const first = await h.graph('/v21.0/102290129340398/message_templates?limit=2');
    expect(first.status).toBe(200);
    const data = first.body.data as Array<{
      name: string;
      status: string;
      category: string;
      language: string;
      components: unknown[];
    }>;
    expect(data).toHaveLength(2);
    expect(data[0]).toMatchObject({
      name: 'hello_world',
      status: 'APPROVED',
      category: 'UTILITY',
      language: 'en_US',
    });
    const paging = first.body.paging as { cursors: { after: string }; next?: string };
    expect(paging.next).toBeTruthy();
    const second = await h.graph(
      `/v21.0/102290129340398/message_templates?limit=2&after=${paging.cursors.after}`,
    );
    expect((second.body.data as Array<{ name: string }>).map((t) => t.name)).not.toContain('hello_world');
  });

  it('sends message_template_status_update webhooks and updates the list', async () => {
    h = await startHarness();
    await h.sim.sendTemplateStatus({ name: 'seasonal_promo', event: 'APPROVED' });
    const body = JSON.parse(h.receiver.requests[0]?.body ?? '{}');
    expect(body.entry[0].changes[0]).toMatchObject({
      field: 'message_template_status_update',
      value: { event: 'APPROVED', message_template_name: 'seasonal_promo', reason: 'NONE' },
    });
    const list = await h.graph('/v21.0/102290129340398/message_templates?name=seasonal_promo');
    expect((list.body.data as Array<{ status: string }>)[0]?.status).toBe('APPROVED');
  });
});

describe('webhook verify handshake', () => {
  it('sends hub.mode, hub.verify_token and hub.challenge and checks the echo', async () => {
    h = await startHarness({}, (req) =>
      new URL(req.url, 'http://x').searchParams.get('hub.verify_token') === 'test-verify' ? 200 : 403,
    );
    const result = await h.sim.verifyHandshake();
    const query = new URL(h.receiver.requests[0]?.url ?? '', 'http://x').searchParams;
    expect(query.get('hub.mode')).toBe('subscribe');
    expect(query.get('hub.challenge')).toBe(result.challenge);
    // The capture server answers "EVENT_RECEIVED", not the challenge, so the check must fail.
    expect(result.ok).toBe(false);
    expect(result.status).toBe(200);
  });
});
