import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type CaptureServer, type Responder, startCaptureServer } from './capture-server.ts';
import { DEFAULT_DISPLAY_PHONE_NUMBER, DEFAULT_PHONE_NUMBER_ID, DEFAULT_WABA_ID } from './defaults.ts';
import { buildContact, buildMessagesValue, buildTextMessage, messagesChange } from './payload-builders.ts';
import { seededRandom } from './rng.ts';
import { createWebhookSender, type WebhookSender, type WebhookSenderOptions } from './webhook-sender.ts';
import type { WebhookEnvelope } from './webhook-types.ts';

const channel = {
  phoneNumberId: DEFAULT_PHONE_NUMBER_ID,
  displayPhoneNumber: DEFAULT_DISPLAY_PHONE_NUMBER,
  wabaId: DEFAULT_WABA_ID,
};
const secret = 'app-secret';
const text = (body: string) =>
  messagesChange(
    channel,
    buildMessagesValue(channel, {
      contacts: [buildContact('16505551234', 'Ana')],
      messages: [buildTextMessage({ from: '16505551234', body })],
    }),
  );
const bodiesOf = (server: CaptureServer) =>
  server.requests.flatMap((r) =>
    (JSON.parse(r.body) as WebhookEnvelope).entry.flatMap((e) =>
      e.changes.flatMap((c) =>
        c.field === 'messages' ? (c.value.messages ?? []).map((m) => m.text?.body) : [],
      ),
    ),
  );

let server: CaptureServer;
let sender: WebhookSender;
const sleeps: number[] = [];

async function setup(respond: Responder, extra: Partial<WebhookSenderOptions> = {}) {
  server = await startCaptureServer(respond);
  sleeps.length = 0;
  sender = createWebhookSender({
    webhookUrl: server.url,
    appSecret: secret,
    random: seededRandom(7),
    // Back-off is recorded, not waited for: the tests assert the schedule without real timers.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
}

afterEach(async () => {
  sender.close();
  await server.close();
});

describe('webhook sender', () => {
  it('signs each POST with an HMAC of the exact body bytes', async () => {
    await setup(() => 200);
    await sender.send(text('hello'));
    const [req] = server.requests;
    const expected =
      'sha256=' +
      createHmac('sha256', secret)
        .update(req?.body ?? '')
        .digest('hex');
    expect(req?.headers['x-hub-signature-256']).toBe(expected);
    expect(req?.headers['content-type']).toBe('application/json');
  });

  it('retries a non-2xx answer with growing back-off until it is accepted', async () => {
    await setup((_r, i) => (i < 3 ? 503 : 200), { retry: { baseMs: 100, factor: 2, jitter: 0 } });
    const record = await sender.send(text('retry me'));
    expect(record.state).toBe('delivered');
    expect(record.attempts.map((a) => a.status)).toEqual([503, 503, 503, 200]);
    expect(sleeps).toEqual([100, 200, 400]);
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
  });

  it('treats no answer within the timeout as a failure and retries', async () => {
    await setup((_r, i) => (i === 0 ? 'hang' : 200), { timeoutMs: 150 });
    const record = await sender.send(text('slow'));
    expect(record.state).toBe('delivered');
    expect(record.attempts[0]?.error).toMatch(/timeout/);
    expect(record.attempts[1]?.status).toBe(200);
  });

  it('gives up after the last attempt and says so', async () => {
    await setup(() => 500, { retry: { maxAttempts: 3 } });
    const record = await sender.send(text('doomed'));
    expect(record.state).toBe('failed');
    expect(server.requests).toHaveLength(3);
  });

  it('duplicates deliveries byte for byte at the chosen rate', async () => {
    await setup(() => 200, { chaos: { duplicateRate: 1 } });
    await Promise.all([sender.send(text('a')), sender.send(text('b'))]);
    await sender.idle();
    expect(server.requests).toHaveLength(4);
    expect(bodiesOf(server).sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(sender.deliveries().filter((d) => d.duplicate)).toHaveLength(2);
    const [first, second] = server.requests;
    expect(second?.body).toBe(first?.body);
    expect(second?.headers['x-hub-signature-256']).toBe(first?.headers['x-hub-signature-256']);
  });

  it('shuffles the events of one flush but delivers every one', async () => {
    await setup(() => 200, { chaos: { shuffle: true }, maxSockets: 1 });
    const sent = Array.from({ length: 20 }, (_, i) => `m${i}`);
    await Promise.all(sent.map((b) => sender.send(text(b))));
    const received = bodiesOf(server);
    expect([...received].sort()).toEqual([...sent].sort());
    expect(received).not.toEqual(sent);
  });

  it('keeps order without chaos', async () => {
    await setup(() => 200, { maxSockets: 1 });
    const sent = Array.from({ length: 10 }, (_, i) => `m${i}`);
    await Promise.all(sent.map((b) => sender.send(text(b))));
    expect(bodiesOf(server)).toEqual(sent);
  });

  it('batches several events into one POST', async () => {
    await setup(() => 200, { chaos: { batchSize: 4 } });
    await Promise.all(Array.from({ length: 10 }, (_, i) => sender.send(text(`m${i}`))));
    expect(server.requests).toHaveLength(3);
    expect(bodiesOf(server)).toHaveLength(10);
  });

  it('applies the configured delay before a POST', async () => {
    await setup(() => 200, { chaos: { delayMs: { min: 50, max: 50 } } });
    await sender.send(text('late'));
    expect(sleeps).toEqual([50]);
  });
});

describe('webhook sender shutdown', () => {
  it('stops retrying and settles everything as failed when closed', async () => {
    const local = await startCaptureServer(() => 500);
    const closing = createWebhookSender({
      webhookUrl: local.url,
      appSecret: secret,
      retry: { baseMs: 60_000, jitter: 0 },
    });
    const retried = closing.send(text('will be retried'));
    await local.waitFor(1);
    // Let the first failure be recorded, so the sender is asleep in its back-off.
    while (closing.deliveries()[0]?.attempts.length !== 1) await new Promise((r) => setTimeout(r, 5));
    const queued = closing.send(text('never flushed'));
    closing.close();
    expect((await retried).state).toBe('failed');
    expect((await queued).state).toBe('failed');
    await closing.idle();
    expect(local.requests).toHaveLength(1);
    await local.close();
  });
});
