// Outbound end to end against the WhatsApp simulator, one suite for each database (embedded PGlite,
// PostgreSQL): the API stores and answers, the worker sends through the Graph API, the simulator's
// status webhooks come back in.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../log/logger.ts';
import { createGraphClient } from './graph-client.ts';
import { deliverMarkRead } from './mark-read.ts';
import { MESSAGES } from './meta-errors.ts';
import {
  type HarnessOptions,
  type OutboundHarness,
  startOutboundHarness,
} from './outbound-harness.test-support.ts';

export function outboundContract(
  name: string,
  options: () => Promise<HarnessOptions & { drop?: () => Promise<void> }>,
) {
  describe(`outbound: ${name}`, () => {
    let h: OutboundHarness;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const o = await options();
      drop = o.drop;
      h = await startOutboundHarness(o);
    });
    afterAll(async () => {
      await h?.close();
      await drop?.();
    });

    let customer = 15550001000;
    const nextCustomer = () => String(customer++);

    type Sent = { message: { id: string; status: string; clientId: string } };

    async function send(conversationId: string, body: Record<string, unknown>) {
      return h.api<Sent>('POST', `/api/v1/conversations/${conversationId}/messages`, {
        clientId: randomUUID(),
        ...body,
      });
    }

    const ledgerOf = async (id: string) => {
      const { rows } = await h.server.ctx.db.query<{ tries: number; state: string }>(
        'SELECT tries, state FROM outbound_sends WHERE message_id = $1',
        [id],
      );
      return rows[0];
    };
    const statusOf = (id: string, wanted: string[]) => async () => {
      const m = await h.message(id);
      return wanted.includes(m.status) ? m : null;
    };

    describe('sending through the Graph API', () => {
      it('answers 202 with a pending message, then the worker sends it and the statuses arrive', async () => {
        const conv = await h.customerWrites(nextCustomer());
        const res = await send(conv, {
          kind: 'text',
          body: { body: 'Hi! How can I help?', previewUrl: false },
        });
        expect(res.status).toBe(202);
        expect(res.body.message.status).toBe('pending');
        const read = await h.waitFor('read', statusOf(res.body.message.id, ['read']));
        const received = h.sim.received().find((m) => m.id === read.waMessageId);
        expect(received?.type).toBe('text');
        expect(received?.payload.text).toEqual({ body: 'Hi! How can I help?', preview_url: false });
      });

      it('sends every kind WhatsApp accepts, each reaching the simulator in its own shape', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        const { rows } = await h.server.ctx.db.query<{ id: string; wa_message_id: string }>(
          `SELECT id, wa_message_id FROM messages WHERE conversation_id = $1 AND direction = 'in'`,
          [conv],
        );
        const inbound = rows[0]!;
        const upload = new FormData();
        upload.set(
          'file',
          new Blob([Buffer.from('%PDF-1.4 a small test document')], { type: 'application/pdf' }),
          'terms.pdf',
        );
        const uploaded = await fetch(`${h.server.baseUrl}/api/v1/media`, {
          method: 'POST',
          headers: { authorization: `Bearer ${h.token}` },
          body: upload,
        });
        expect(uploaded.status).toBe(201);
        const media = ((await uploaded.json()) as { media: { id: string } }).media;

        const kinds: Record<string, unknown>[] = [
          { kind: 'text', body: { body: 'with a link https://example.com', previewUrl: true } },
          { kind: 'image', body: { link: 'https://example.com/cat.jpg', caption: 'A cat' } },
          { kind: 'video', body: { link: 'https://example.com/clip.mp4' } },
          { kind: 'audio', body: { link: 'https://example.com/voice.ogg' } },
          { kind: 'sticker', body: { link: 'https://example.com/smile.webp' } },
          { kind: 'document', body: { mediaId: media.id, filename: 'terms.pdf', caption: 'Our terms' } },
          {
            kind: 'template',
            body: {
              name: 'appointment_reminder',
              language: 'en_US',
              components: [
                {
                  type: 'body',
                  parameters: [
                    { type: 'text', text: 'Ana' },
                    { type: 'text', text: 'Friday 3pm' },
                  ],
                },
              ],
            },
          },
          {
            kind: 'interactive',
            body: {
              type: 'button',
              body: { text: 'Shall we book it?' },
              buttons: [
                { id: 'yes', title: 'Yes' },
                { id: 'no', title: 'No' },
              ],
            },
          },
          {
            kind: 'interactive',
            body: {
              type: 'list',
              body: { text: 'Pick a slot' },
              button: 'Slots',
              sections: [{ title: 'Friday', rows: [{ id: 'f3', title: '3pm', description: 'Afternoon' }] }],
            },
          },
          { kind: 'reaction', body: { messageId: inbound.id, emoji: '👍' } },
          { kind: 'text', body: { body: 'Replying to you' }, replyTo: inbound.id },
        ];
        const ids: string[] = [];
        for (const k of kinds) {
          const res = await send(conv, k);
          expect(res.status, JSON.stringify(res.body)).toBe(202);
          ids.push(res.body.message.id);
        }
        const sent: Awaited<ReturnType<OutboundHarness['message']>>[] = [];
        for (const id of ids)
          sent.push(await h.waitFor(`send ${id}`, statusOf(id, ['sent', 'delivered', 'read', 'failed'])));
        expect(sent.map((m) => [m.kind, m.status === 'failed' ? m.error : 'ok'])).toEqual(
          kinds.map((k) => [k.kind, 'ok']),
        );
        const byWamid = new Map(h.sim.received().map((m) => [m.id, m]));
        const at = (i: number) => byWamid.get(sent[i]!.waMessageId!)!;
        expect(at(0).payload.text).toEqual({ body: 'with a link https://example.com', preview_url: true });
        expect(at(1).payload.image).toEqual({ link: 'https://example.com/cat.jpg', caption: 'A cat' });
        expect(at(4).type).toBe('sticker');
        // The document went by an id the Graph API gave for our upload, with the same bytes.
        const docId = (at(5).payload.document as { id: string }).id;
        expect(docId).toMatch(/^\d+$/);
        expect((at(6).payload.template as { name: string }).name).toBe('appointment_reminder');
        expect((at(7).payload.interactive as { type: string }).type).toBe('button');
        expect((at(8).payload.interactive as { action: { button: string } }).action.button).toBe('Slots');
        expect(at(9).payload.reaction).toEqual({ message_id: inbound.wa_message_id, emoji: '👍' });
        expect(at(10).payload.context).toEqual({ message_id: inbound.wa_message_id });
        // In the order the agent sent them: one conversation's lane keeps order.
        const order = h.sim
          .received()
          .filter((m) => m.waId === waId)
          .map((m) => m.id);
        expect(order).toEqual(sent.map((m) => m.waMessageId));
      });

      it('returns the same message for a retry with the same clientId, and sends it once', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        const clientId = randomUUID();
        const body = { clientId, kind: 'text', body: { body: 'only once' } };
        const [a, b] = await Promise.all([
          h.api<Sent>('POST', `/api/v1/conversations/${conv}/messages`, body),
          h.api<Sent>('POST', `/api/v1/conversations/${conv}/messages`, body),
        ]);
        const c = await h.api<Sent>('POST', `/api/v1/conversations/${conv}/messages`, body);
        const statuses = [a.status, b.status, c.status];
        // Two concurrent first tries race on the unique client id: one wins, the other may see a conflict.
        expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(2);
        const id = c.body.message.id;
        for (const r of [a, b]) if (r.status === 202) expect(r.body.message.id).toBe(id);
        await h.waitFor('sent', statusOf(id, ['sent', 'delivered', 'read']));
        await h.sim.idle();
        expect(h.sim.received().filter((m) => m.waId === waId)).toHaveLength(1);
      });

      it('refuses free text outside the 24-hour window and allows a template', async () => {
        const conv = await h.customerWrites(nextCustomer());
        await h.server.ctx.db.query(
          "UPDATE conversations SET last_inbound_at = now() - interval '25 hours' WHERE id = $1",
          [conv],
        );
        const text = await send(conv, { kind: 'text', body: { body: 'too late' } });
        expect(text.status).toBe(422);
        expect((text.body as unknown as { error: { code: string; message: string } }).error).toEqual({
          code: 'window_closed',
          message: MESSAGES.window,
        });
        const template = await send(conv, {
          kind: 'template',
          body: { name: 'hello_world', language: 'en_US' },
        });
        expect(template.status).toBe(202);
        await h.waitFor('template sent', statusOf(template.body.message.id, ['sent', 'delivered', 'read']));
      });

      it('keeps read when a late sent status arrives after it', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        const res = await send(conv, { kind: 'text', body: { body: 'out of order' } });
        const m = await h.waitFor('read', statusOf(res.body.message.id, ['read']));
        await h.sim.sendStatus({ messageId: m.waMessageId!, recipientId: waId, status: 'sent' });
        await h.sim.sendStatus({ messageId: m.waMessageId!, recipientId: waId, status: 'delivered' });
        await h.sim.idle();
        // Let the ingest worker take the two late statuses.
        await h.waitFor('ingest idle', async () => (await h.server.ctx.queue.stats()).depth === 0);
        expect((await h.message(m.id)).status).toBe('read');
      });
    });

    describe('read receipts', () => {
      it("marks the customer's latest message read on WhatsApp when an agent reads the conversation", async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId, 'first');
        const second = await h.sim.sendText(waId, 'second');
        await h.waitFor('second message', async () => {
          const r = await h.server.ctx.db.query('SELECT 1 FROM messages WHERE wa_message_id = $1', [
            second.message.id,
          ]);
          return r.rows.length > 0;
        });
        const read = await h.api('POST', `/api/v1/conversations/${conv}/read`);
        expect(read.status).toBe(200);
        const receipt = await h.waitFor('a read receipt', async () =>
          h.sim.reads().find((r) => r.messageId === second.message.id),
        );
        expect(receipt.phoneNumberId).toBe(h.sim.channels[0]!.phoneNumberId);
      });

      const arrived = (waMessageId: string) => async () =>
        (await h.server.ctx.db.query('SELECT 1 FROM messages WHERE wa_message_id = $1', [waMessageId])).rows
          .length > 0;
      const receiptsOf = (waMessageId: string) => h.sim.reads().filter((r) => r.messageId === waMessageId);

      it('sends no second receipt when the conversation is read again with no new message', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId, 'first');
        const latest = await h.sim.sendText(waId, 'second');
        await h.waitFor('second message', arrived(latest.message.id));
        await h.api('POST', `/api/v1/conversations/${conv}/read`);
        await h.waitFor('a read receipt', async () => receiptsOf(latest.message.id).length > 0);
        await h.api('POST', `/api/v1/conversations/${conv}/read`);
        await h.api('POST', `/api/v1/conversations/${conv}/read`);
        // The conversation's jobs run in order: once the next message's receipt is out, the two
        // repeated reads before it have run.
        const next = await h.sim.sendText(waId, 'third');
        await h.waitFor('third message', arrived(next.message.id));
        await h.api('POST', `/api/v1/conversations/${conv}/read`);
        await h.waitFor('the next read receipt', async () => receiptsOf(next.message.id).length > 0);
        expect(receiptsOf(latest.message.id)).toHaveLength(1);
        expect(receiptsOf(next.message.id)).toHaveLength(1);
      });

      it('sends one receipt when two jobs mark the same message read at once', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId, 'are you there?');
        const { rows } = await h.server.ctx.db.query<{ wa_message_id: string }>(
          `SELECT wa_message_id FROM messages WHERE conversation_id = $1 AND direction = 'in'`,
          [conv],
        );
        const log = { warn: () => {}, error: () => {} } as unknown as Logger;
        const deps = {
          db: h.server.ctx.db,
          box: h.server.ctx.box,
          graph: createGraphClient({
            baseUrl: h.proxy.url,
            version: h.server.ctx.config.WHATSAPP_GRAPH_VERSION,
          }),
          log,
        };
        const job = { tenantId: h.server.admin.tenantId, conversationId: conv };
        const outcomes = await Promise.all([deliverMarkRead(deps, job, 0), deliverMarkRead(deps, job, 0)]);
        expect(outcomes).toEqual([{ done: true }, { done: true }]);
        expect(receiptsOf(rows[0]!.wa_message_id)).toHaveLength(1);
      });

      it('tries a failed receipt again on the next read', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId, 'hello?');
        const { rows } = await h.server.ctx.db.query<{ wa_message_id: string }>(
          `SELECT wa_message_id FROM messages WHERE conversation_id = $1 AND direction = 'in'`,
          [conv],
        );
        const waMessageId = rows[0]!.wa_message_id;
        const invalid = {
          answer: { status: 400, body: { error: { code: 100, message: 'Invalid parameter' } } },
        };
        h.proxy.fail(invalid);
        await h.api('POST', `/api/v1/conversations/${conv}/read`);
        await h.waitFor('the receipt recorded as failed', async () => {
          const r = await h.server.ctx.db.query<{ state: string }>(
            'SELECT state FROM read_receipts WHERE conversation_id = $1',
            [conv],
          );
          return r.rows[0]?.state === 'failed';
        });
        await h.api('POST', `/api/v1/conversations/${conv}/read`);
        await h.waitFor('a read receipt', async () => receiptsOf(waMessageId).length > 0);
        expect(receiptsOf(waMessageId)).toHaveLength(1);
      });
    });

    describe('failures', () => {
      it('retries a 429 and a refusal for now (4xx, or a rate limit in a 5xx), then succeeds, sending once', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        h.proxy.fail(
          { answer: { status: 429, body: { error: { code: 130429, message: '(#130429) Rate limit hit' } } } },
          { answer: { status: 400, body: { error: { code: 131000, message: 'Something went wrong' } } } },
          { answer: { status: 503, body: { error: { code: 131056, message: 'Pair rate limit hit' } } } },
        );
        const res = await send(conv, { kind: 'text', body: { body: 'after a rate limit' } });
        const m = await h.waitFor('sent', statusOf(res.body.message.id, ['sent', 'delivered', 'read']));
        expect(m.waMessageId).toBeTruthy();
        expect(h.sim.received().filter((r) => r.waId === waId)).toHaveLength(1);
        expect(await ledgerOf(m.id)).toEqual({ tries: 4, state: 'accepted' });
      });

      it('maps 131047 from WhatsApp to the 24-hour sentence and stops', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        h.proxy.fail({
          answer: {
            status: 400,
            body: {
              error: {
                code: 131047,
                message: '(#131047) Re-engagement message',
                error_data: { details: 'x' },
              },
            },
          },
        });
        const res = await send(conv, { kind: 'text', body: { body: 'window closed at Meta' } });
        const m = await h.waitFor('failed', statusOf(res.body.message.id, ['failed']));
        expect(m.error).toMatchObject({ code: 131047, title: MESSAGES.window });
        expect(h.sim.received().filter((r) => r.waId === waId)).toHaveLength(0);
      });

      it('maps an expired token (190) from the simulator to the admin sentence', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        const { db, box } = h.server.ctx;
        const { rows } = await db.query<{ access_token_enc: string; id: string }>(
          'SELECT ch.id, ch.access_token_enc FROM channels ch JOIN conversations c ON c.channel_id = ch.id WHERE c.id = $1',
          [conv],
        );
        await db.query('UPDATE channels SET access_token_enc = $2 WHERE id = $1', [
          rows[0]!.id,
          box.seal('expired-token'),
        ]);
        try {
          const res = await send(conv, { kind: 'text', body: { body: 'with a bad token' } });
          const m = await h.waitFor('failed', statusOf(res.body.message.id, ['failed']));
          expect(m.error).toMatchObject({ code: 190, title: MESSAGES.token });
        } finally {
          await db.query('UPDATE channels SET access_token_enc = $2 WHERE id = $1', [
            rows[0]!.id,
            rows[0]!.access_token_enc,
          ]);
        }
      });

      it('maps an invalid parameter (100) from the simulator to a sentence naming the field', async () => {
        const conv = await h.customerWrites(nextCustomer());
        // A number the Graph API rejects as a recipient.
        await h.server.ctx.db.query(
          `UPDATE contacts SET wa_id = '12' WHERE id = (SELECT contact_id FROM conversations WHERE id = $1)`,
          [conv],
        );
        const res = await send(conv, { kind: 'text', body: { body: 'to a broken number' } });
        const m = await h.waitFor('failed', statusOf(res.body.message.id, ['failed']));
        expect(m.error).toMatchObject({ code: 100 });
        expect(String(m.error?.title)).toMatch(/^WhatsApp rejected the message as not valid: .*to/);
      });

      it('never sends again a send whose answer was lost, and settles it from its status webhooks', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        h.proxy.fail({ dropAnswer: true });
        const res = await send(conv, { kind: 'text', body: { body: 'answer lost' } });
        // The simulator echoes our callback tag in its statuses, which gives the row its WhatsApp id.
        const m = await h.waitFor('read', statusOf(res.body.message.id, ['read']));
        const atMeta = h.sim.received().filter((r) => r.waId === waId);
        expect(atMeta).toHaveLength(1);
        expect(m.waMessageId).toBe(atMeta[0]!.id);
        // A later send of the same conversation goes out: the lane was not left blocked.
        const next = await send(conv, { kind: 'text', body: { body: 'next one' } });
        await h.waitFor('next sent', statusOf(next.body.message.id, ['sent', 'delivered', 'read']));
        expect(
          h.sim
            .received()
            .filter((r) => r.waId === waId)
            .map((r) => (r.payload.text as { body: string }).body),
        ).toEqual(['answer lost', 'next one']);
      });

      it('Retry queues a send stored without its job (the API died after the commit), and it leaves once', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        // What the API commits, without the job it would append: as if it died right after.
        const id = await h.storedWithoutJob(conv, 'stored, never queued');
        expect((await h.message(id)).status).toBe('pending');
        const retry = await h.api<Sent & { queued: boolean }>(
          'POST',
          `/api/v1/conversations/${conv}/messages/${id}/retry`,
        );
        expect(retry.status).toBe(202);
        expect(retry.body).toMatchObject({ queued: true, message: { id, status: 'pending' } });
        await h.waitFor('sent', statusOf(id, ['sent', 'delivered', 'read']));
        // A second Retry of a message that left is refused: it would reach the customer twice.
        const again = await h.api('POST', `/api/v1/conversations/${conv}/messages/${id}/retry`);
        expect(again.status).toBe(409);
        await h.sim.idle();
        expect(h.sim.received().filter((r) => r.waId === waId)).toHaveLength(1);
      });

      it('does not repeat a send answered 5xx after WhatsApp took it: its statuses settle it, one copy', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        h.sim.failNextSends(1);
        const res = await send(conv, { kind: 'text', body: { body: 'taken, then 500' } });
        const m = await h.waitFor('read', statusOf(res.body.message.id, ['read']));
        const atMeta = h.sim.received().filter((r) => r.waId === waId);
        expect(atMeta).toHaveLength(1);
        expect(m.waMessageId).toBe(atMeta[0]!.id);
        expect(await ledgerOf(m.id)).toEqual({ tries: 1, state: 'accepted' });
      });

      it('holds a 5xx send as unknown without calling again when no status comes', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        const posts = () => h.proxy.seen.filter((s) => s.path.endsWith('/messages')).length;
        const before = posts();
        h.proxy.fail({
          answer: { status: 500, body: { error: { code: 1, message: 'An unknown error occurred' } } },
        });
        const res = await send(conv, { kind: 'text', body: { body: 'outcome unknown' } });
        const m = await h.waitFor('unknown', statusOf(res.body.message.id, ['unknown']));
        expect(m.waMessageId).toBeNull();
        expect(posts() - before).toBe(1);
        expect(h.sim.received().filter((r) => r.waId === waId)).toHaveLength(0);
        // Retry is for a send shown failed (after the settle timeout), not for one still waiting.
        const retry = await h.api('POST', `/api/v1/conversations/${conv}/messages/${m.id}/retry`);
        expect(retry.status).toBe(409);
      });

      it('offers Retry of a failed message as a new attempt', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        h.proxy.fail({
          answer: { status: 400, body: { error: { code: 131026, message: 'Message undeliverable' } } },
        });
        const res = await send(conv, { kind: 'text', body: { body: 'try me again' } });
        const failed = await h.waitFor('failed', statusOf(res.body.message.id, ['failed']));
        expect(failed.error).toMatchObject({ code: 131026, title: MESSAGES.undeliverable });
        const retry = await h.api<Sent>('POST', `/api/v1/conversations/${conv}/messages/${failed.id}/retry`);
        expect(retry.status).toBe(202);
        expect(retry.body.message.status).toBe('pending');
        await h.waitFor('sent', statusOf(failed.id, ['sent', 'delivered', 'read']));
        expect(h.sim.received().filter((r) => r.waId === waId)).toHaveLength(1);
      });
    });

    describe('media', () => {
      const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

      it("downloads a customer's image with its real bytes and serves it at an authenticated URL", async () => {
        const waId = nextCustomer();
        const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(40_000)]);
        const sent = await h.sim.sendMessage('image', waId, {
          bytes,
          mimeType: 'image/png',
          caption: 'my receipt',
        });
        const media = await h.waitFor('media stored', async () => {
          const r = await h.server.ctx.db.query<{ body: { media?: Record<string, unknown> } }>(
            'SELECT body FROM messages WHERE wa_message_id = $1',
            [sent.message.id],
          );
          return r.rows[0]?.body.media;
        });
        expect(media).toMatchObject({ mime: 'image/png', size: bytes.length, sha256: sha256(bytes) });
        expect(sent.media?.sha256).toBe(sha256(bytes));
        const res = await fetch(h.server.baseUrl + String(media.url), {
          headers: { authorization: `Bearer ${h.token}` },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/png');
        expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
        const anonymous = await fetch(h.server.baseUrl + String(media.url));
        expect(anonymous.status).toBe(401);
      });

      it('uploads an agent file to the Graph API and sends it by id, bytes unchanged', async () => {
        const waId = nextCustomer();
        const conv = await h.customerWrites(waId);
        const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(70_000)]);
        const form = new FormData();
        form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
        const up = await fetch(`${h.server.baseUrl}/api/v1/media`, {
          method: 'POST',
          headers: { authorization: `Bearer ${h.token}` },
          body: form,
        });
        expect(up.status).toBe(201);
        const { media } = (await up.json()) as { media: { id: string; sha256: string; kind: string } };
        expect(media).toMatchObject({ sha256: sha256(bytes), kind: 'image' });
        const res = await send(conv, { kind: 'image', body: { mediaId: media.id, caption: 'here it is' } });
        const m = await h.waitFor('sent', statusOf(res.body.message.id, ['sent', 'delivered', 'read']));
        const atMeta = h.sim.received().find((r) => r.id === m.waMessageId)!;
        const graphId = (atMeta.payload.image as { id: string }).id;
        const simFiles = (await (await fetch(`${h.sim.url}/_sim/media`)).json()) as {
          data: { id: string; sha256Hex: string; mimeType: string }[];
        };
        expect(simFiles.data.find((f) => f.id === graphId)).toMatchObject({
          sha256Hex: sha256(bytes),
          mimeType: 'image/jpeg',
        });
      });

      it('retries a failed media download and marks the file unavailable when WhatsApp has none', async () => {
        const gone = {
          answer: { status: 400, body: { error: { code: 100, message: 'Unsupported get request' } } },
        };
        const down = {
          answer: { status: 503, body: { error: { code: 2, message: 'Service unavailable' } } },
        };
        // A transient failure first: the next try gets the file.
        h.proxy.failMediaInfo(down);
        const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(10_000)]);
        const ok = await h.sim.sendMessage('image', nextCustomer(), { bytes, mimeType: 'image/jpeg' });
        const stored = await h.waitFor('media stored after a retry', async () => {
          const r = await h.server.ctx.db.query<{ body: { media?: { sha256?: string } } }>(
            'SELECT body FROM messages WHERE wa_message_id = $1',
            [ok.message.id],
          );
          return r.rows[0]?.body.media;
        });
        expect(stored.sha256).toBe(sha256(bytes));
        // Meta no longer has it: permanent, shown as unavailable with the reason.
        h.proxy.failMediaInfo(gone);
        const lost = await h.sim.sendMessage('image', nextCustomer());
        const media = await h.waitFor('media marked unavailable', async () => {
          const r = await h.server.ctx.db.query<{ body: { media?: Record<string, unknown> } }>(
            'SELECT body FROM messages WHERE wa_message_id = $1',
            [lost.message.id],
          );
          return r.rows[0]?.body.media;
        });
        expect(media).toMatchObject({ unavailable: true });
        expect(media.reason).toBe('WhatsApp no longer has this file');
      });

      it("refuses uploads outside WhatsApp's rules with a clear 4xx", async () => {
        const post = async (bytes: Buffer, type: string, name: string) => {
          const form = new FormData();
          form.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
          const r = await fetch(`${h.server.baseUrl}/api/v1/media`, {
            method: 'POST',
            headers: { authorization: `Bearer ${h.token}` },
            body: form,
          });
          return { status: r.status, body: (await r.json()) as { error: { code: string; message: string } } };
        };
        const gif = await post(Buffer.from('GIF89a'), 'image/gif', 'a.gif');
        expect(gif.status).toBe(415);
        expect(gif.body.error.message).toMatch(/JPEG or PNG/);
        const bigSticker = await post(randomBytes(600 * 1024), 'image/webp', 's.webp');
        expect(bigSticker.status).toBe(413);
        expect(bigSticker.body.error.message).toMatch(/sticker may be at most 500 KB/);
      });
    });

    describe('templates', () => {
      it("lists the channel's approved templates from the Graph API and follows status webhooks", async () => {
        const { rows } = await h.server.ctx.db.query<{ id: string }>('SELECT id FROM channels LIMIT 1');
        const channelId = rows[0]!.id;
        type List = { templates: { name: string; status: string }[]; stale: boolean };
        const first = await h.api<List>('GET', `/api/v1/channels/${channelId}/templates`);
        expect(first.status).toBe(200);
        expect(first.body.templates.map((t) => t.name).sort()).toEqual([
          'appointment_reminder',
          'hello_world',
          'order_update',
        ]);
        await h.sim.sendTemplateStatus({ name: 'appointment_reminder', language: 'en_US', event: 'PAUSED' });
        await h.waitFor('template paused', async () => {
          const r = await h.api<List>('GET', `/api/v1/channels/${channelId}/templates?all=true`);
          return r.body.templates.find((t) => t.name === 'appointment_reminder')?.status === 'PAUSED';
        });
        const approved = await h.api<List>('GET', `/api/v1/channels/${channelId}/templates`);
        expect(approved.body.templates.map((t) => t.name)).not.toContain('appointment_reminder');
        // A send of the paused template is refused with the reason, before it reaches Meta.
        const conv = await h.customerWrites(nextCustomer());
        const paused = await send(conv, {
          kind: 'template',
          body: {
            name: 'appointment_reminder',
            language: 'en_US',
            components: [
              {
                type: 'body',
                parameters: [
                  { type: 'text', text: 'A' },
                  { type: 'text', text: 'B' },
                ],
              },
            ],
          },
        });
        expect(paused.status).toBe(400);
        expect(JSON.stringify(paused.body)).toMatch(/is paused, not approved/);
      });

      it('refuses values that do not fill the variables, and stores the text the customer reads', async () => {
        const { rows } = await h.server.ctx.db.query<{ id: string }>('SELECT id FROM channels LIMIT 1');
        await h.api('GET', `/api/v1/channels/${rows[0]!.id}/templates?refresh=true`);
        const conv = await h.customerWrites(nextCustomer());
        const order = (parameters: { type: 'text'; text: string }[]) =>
          send(conv, {
            kind: 'template',
            body: { name: 'order_update', language: 'pt_BR', components: [{ type: 'body', parameters }] },
          });
        const short = await order([{ type: 'text', text: 'Ana' }]);
        expect(short.status).toBe(400);
        expect(JSON.stringify(short.body)).toContain(
          'The template order_update needs 2 values for its body ({{1}}, {{2}}); 1 given',
        );
        const sent = await order([
          { type: 'text', text: 'Ana' },
          { type: 'text', text: '#2291' },
        ]);
        expect(sent.status).toBe(202);
        expect((sent.body.message as unknown as { body: { text?: string } }).body.text).toBe(
          'Olá Ana, seu pedido #2291 saiu para entrega.',
        );
        await h.waitFor('template sent', statusOf(sent.body.message.id, ['sent', 'delivered', 'read']));
        const list = await h.api<{ items: { id: string; lastMessagePreview: string | null }[] }>(
          'GET',
          '/api/v1/conversations?view=all&limit=200',
        );
        expect(list.body.items.find((c) => c.id === conv)?.lastMessagePreview).toBe(
          'Olá Ana, seu pedido #2291 saiu para entrega.',
        );
      });
    });
  });
}
