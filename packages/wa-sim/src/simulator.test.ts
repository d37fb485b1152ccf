import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemo } from './demo.ts';
import { INBOUND_TYPES } from './inbound-messages.ts';
import { webhookError } from './meta-errors.ts';
import { seededRandom } from './rng.ts';
import { type Harness, startHarness } from './sim-test-support.ts';
import { webhookEnvelopeSchema } from './webhook-schema.ts';
import type { WebhookEnvelope } from './webhook-types.ts';

const validate = new Ajv({ strict: false, allErrors: true }).compile(webhookEnvelopeSchema);
let h: Harness;
afterEach(async () => {
  await h.close();
});

const envelopes = () => h.receiver.requests.map((r) => JSON.parse(r.body) as WebhookEnvelope);

describe('createSimulator: inbound events', () => {
  it.each(INBOUND_TYPES)('sends a %s message that matches Meta’s schema', async (type) => {
    h = await startHarness();
    const { message, delivery } = await h.sim.sendMessage(type, '16505551234', { name: 'Ana Souza' });
    expect(delivery.state).toBe('delivered');
    const [envelope] = envelopes();
    expect(validate(envelope), JSON.stringify(validate.errors)).toBe(true);
    const value = envelope?.entry[0]?.changes[0]?.value;
    expect(value && 'contacts' in value ? value.contacts : []).toEqual([
      { profile: { name: 'Ana Souza' }, wa_id: '16505551234' },
    ]);
    expect(value && 'messages' in value ? value.messages?.[0]?.id : '').toBe(message.id);
  });

  it('can name the sender by user id only, as Meta does for customers with a username', async () => {
    h = await startHarness();
    const { message } = await h.sim.sendText('16505551234', 'hi', {
      fromUserId: 'US.13491208655302741918',
      withholdPhone: true,
    });
    const [envelope] = envelopes();
    expect(validate(envelope), JSON.stringify(validate.errors)).toBe(true);
    expect(message.from).toBeUndefined();
    expect(message.from_user_id).toBe('US.13491208655302741918');
    const value = envelope?.entry[0]?.changes[0]?.value;
    expect(value && 'contacts' in value ? value.contacts : []).toEqual([
      { profile: { name: expect.any(String) }, user_id: 'US.13491208655302741918' },
    ]);
  });

  it('sends value-level errors[] on their own', async () => {
    h = await startHarness();
    await h.sim.sendErrors([webhookError('undeliverable', 'Recipient is not a WhatsApp user')]);
    const [envelope] = envelopes();
    expect(validate(envelope)).toBe(true);
    expect(envelope?.entry[0]?.changes[0]?.value).toMatchObject({ errors: [{ code: 131026 }] });
  });

  it('uses the seeded channel’s ids by default', async () => {
    h = await startHarness();
    await h.sim.sendText('16505551234', 'hi');
    const [envelope] = envelopes();
    expect(envelope?.entry[0]?.id).toBe('102290129340398');
    expect(envelope?.entry[0]?.changes[0]?.value).toMatchObject({
      metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
    });
  });

  it('sends for any of the numbers it serves, and refuses others', async () => {
    h = await startHarness({
      channels: [
        { phoneNumberId: '106540352242922' },
        { phoneNumberId: '200000000000001', wabaId: '300000000000001' },
      ],
    });
    await h.sim.sendText('16505551234', 'hi', { phoneNumberId: '200000000000001' });
    expect(envelopes()[0]?.entry[0]?.id).toBe('300000000000001');
    await expect(h.sim.sendText('16505551234', 'hi', { phoneNumberId: '999' })).rejects.toThrow(
      /does not serve/,
    );
  });

  it('duplicates and shuffles through the chaos options', async () => {
    h = await startHarness({ chaos: { duplicateRate: 0.5, shuffle: true }, random: seededRandom(3) });
    await Promise.all(Array.from({ length: 10 }, (_, i) => h.sim.sendText('16505551234', `m${i}`)));
    await h.sim.idle();
    const ids = envelopes().flatMap((e) =>
      e.entry.flatMap((en) =>
        en.changes.flatMap((c) => (c.field === 'messages' ? (c.value.messages ?? []).map((m) => m.id) : [])),
      ),
    );
    expect(new Set(ids).size).toBe(10);
    expect(ids.length).toBeGreaterThan(10);
  });
});

describe('the /_sim inspection API', () => {
  it('makes a customer talk and shows what Parley sent', async () => {
    h = await startHarness({ autoStatuses: false });
    const inbound = await fetch(`${h.sim.url}/_sim/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'image', from: '16505551234', caption: 'receipt' }),
    });
    expect(inbound.status).toBe(200);
    const sent = (await inbound.json()) as { media: { id: string } };
    expect(sent.media.id).toBeTruthy();
    await h.graph('/v21.0/106540352242922/messages', {
      method: 'POST',
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: '+1 650-555-1234',
        type: 'text',
        text: { body: 'Got it' },
      }),
    });
    const messages = (await (await fetch(`${h.sim.url}/_sim/messages?to=16505551234`)).json()) as {
      data: Array<{ waId: string; payload: { text: { body: string } } }>;
    };
    expect(messages.data).toHaveLength(1);
    expect(messages.data[0]?.payload.text.body).toBe('Got it');
    const deliveries = (await (await fetch(`${h.sim.url}/_sim/deliveries`)).json()) as {
      data: Array<{ state: string }>;
    };
    expect(deliveries.data[0]?.state).toBe('delivered');
    const calls = (await (await fetch(`${h.sim.url}/_sim/calls`)).json()) as {
      data: Array<{ status: number }>;
    };
    expect(calls.data.map((c) => c.status)).toEqual([200]);
    expect((await fetch(`${h.sim.url}/_sim/reset`, { method: 'POST' })).status).toBe(200);
    expect(h.sim.received()).toHaveLength(0);
  });

  it('answers bad control requests with a clear 400', async () => {
    h = await startHarness();
    const res = await fetch(`${h.sim.url}/_sim/inbound`, {
      method: 'POST',
      body: JSON.stringify({ type: 'hologram', from: '1' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /Unknown inbound type/,
    );
  });
});

describe('demo mode', () => {
  it('has customers write on their own and answer an agent’s reply', async () => {
    h = await startHarness();
    const demo = createDemo(h.sim, {
      intervalMs: 60_000,
      replyDelayMs: { min: 10, max: 20 },
      random: seededRandom(1),
    });
    demo.start();
    await h.receiver.waitFor(1);
    const first = envelopes()[0]?.entry[0]?.changes[0]?.value;
    const customer = first && 'messages' in first ? first.messages?.[0]?.from : undefined;
    expect(customer).toBeTruthy();
    await h.graph('/v21.0/106540352242922/messages', {
      method: 'POST',
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: customer,
        type: 'text',
        text: { body: 'Sure!' },
      }),
    });
    await h.receiver.waitFor(5);
    demo.stop();
    const fromCustomer = envelopes().flatMap((e) =>
      e.entry.flatMap((en) =>
        en.changes.flatMap((c) => (c.field === 'messages' ? (c.value.messages ?? []) : [])),
      ),
    );
    expect(fromCustomer.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the /_sim control API', () => {
  it('takes media bytes as base64 and serves exactly them', async () => {
    h = await startHarness();
    const bytes = Buffer.from('%PDF-1.4 my own file');
    const res = await fetch(`${h.sim.url}/_sim/inbound`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'document',
        from: '16505551234',
        bytesBase64: bytes.toString('base64'),
        mimeType: 'application/pdf',
        filename: 'mine.pdf',
      }),
    });
    const sent = (await res.json()) as { message: { document: { id: string; filename: string } } };
    expect(sent.message.document.filename).toBe('mine.pdf');
    const meta = await h.graph(`/v21.0/${sent.message.document.id}`);
    const download = await fetch(String(meta.body.url), { headers: { authorization: 'Bearer sim-token' } });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('sends statuses and template updates, and refuses malformed ones', async () => {
    h = await startHarness();
    const post = (path: string, body: object) =>
      fetch(`${h.sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect(
      (await post('/_sim/status', { messageId: 'wamid.X', recipientId: '16505551234', status: 'read' }))
        .status,
    ).toBe(200);
    expect(
      (await post('/_sim/status', { messageId: 'wamid.X', recipientId: '16505551234', status: 'seen' }))
        .status,
    ).toBe(400);
    expect((await post('/_sim/template-status', { name: 'hello_world', event: 'PAUSED' })).status).toBe(200);
    expect((await post('/_sim/template-status', { name: 'nope', event: 'PAUSED' })).status).toBe(400);
    expect(h.statuses()).toEqual([expect.objectContaining({ id: 'wamid.X', status: 'read' })]);
  });
});
