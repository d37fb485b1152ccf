// The whole ingest path, webhook POST to committed rows, as one suite that runs on the embedded
// default (PGlite, table queue) and on scale mode (PostgreSQL, Redis). Payloads come from the
// simulator's builders, so they have the shape Meta sends.
import {
  buildContact,
  buildEnvelope,
  buildInbound,
  buildMessagesValue,
  buildStatus,
  buildTextMessage,
  type Channel,
  INBOUND_TYPES,
  messagesChange,
} from '@parley/wa-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOperation } from '../admin/operations.ts';
import type { PersistHook } from '../hooks/persist-hook.ts';
import type { IngestQueue } from '../queue/port.ts';
import { DEMO_DISPLAY_NUMBER, DEMO_PHONE_NUMBER_ID, DEMO_WABA_ID } from '../seed/first-run.ts';
import type { Queryable } from '../store/db.ts';
import { type IngestHarness, startIngestHarness } from '../test-support/ingest-harness.ts';
import { applyEarlyStatuses } from './persist-inbound.ts';

export const DEMO: Channel = {
  phoneNumberId: DEMO_PHONE_NUMBER_ID,
  displayPhoneNumber: DEMO_DISPLAY_NUMBER,
  wabaId: DEMO_WABA_ID,
};

let customerSeq = 0;
/** A fresh customer number per test, so tests do not see each other's rows. */
export const newCustomer = () => `1650${process.pid % 1000}${String(++customerSeq).padStart(4, '0')}`;

/** One inbound text (or the given messages) from `from`, named `name`, on `channel`. */
export function inbound(
  channel: Channel,
  from: string,
  messages = [buildTextMessage({ from, body: 'hello' })],
  name = 'Ana Souza',
) {
  return buildEnvelope([
    messagesChange(channel, buildMessagesValue(channel, { contacts: [buildContact(from, name)], messages })),
  ]);
}

export function statusPayload(channel: Channel, statuses: ReturnType<typeof buildStatus>[]) {
  return buildEnvelope([messagesChange(channel, buildMessagesValue(channel, { statuses }))]);
}

const FAKE_MEDIA = {
  id: '1234567890',
  bytes: Buffer.alloc(0),
  mimeType: 'image/jpeg',
  filename: 'photo.jpg',
  sha256Hex: '00',
  sha256Base64: 'AA==',
  createdAt: 0,
};

/** Recorded by a hook after each commit: which tenant, how many new messages. */
export function commitRecorder(): PersistHook & { commits: { tenantId: string; n: number }[] } {
  const commits: { tenantId: string; n: number }[] = [];
  return {
    name: 'recorder',
    commits,
    async afterPersist(tenantId, outcome) {
      commits.push({ tenantId, n: outcome.newMessages.length });
    },
  };
}

export function ingestPathSuite(mode: 'embedded' | 'scale'): void {
  describe(`ingest path (${mode})`, () => {
    let h: IngestHarness;
    let queueDown = false;
    const messagesOf = (waIds: string[]) =>
      h.count('SELECT count(*)::int AS n FROM messages WHERE wa_message_id = ANY($1::text[])', [waIds]);
    const waitStored = (waIds: string[]) =>
      h.waitFor(async () => (await messagesOf(waIds)) === waIds.length, `${waIds.length} messages stored`);

    beforeAll(async () => {
      h = await startIngestHarness({
        mode,
        worker: { concurrency: 2, maxAttempts: 2 },
        maxBytes: 256 * 1024,
        // A switch for the 503 test: the gateway's queue rejects appends while it is down.
        gatewayQueue: (q): IngestQueue => ({
          ...q,
          append: (items) => (queueDown ? Promise.reject(new Error('queue is down')) : q.append(items)),
        }),
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('stores every inbound message type with a typed body', async () => {
      const from = newCustomer();
      const sent = INBOUND_TYPES.map((type) => ({ type, msg: buildInbound(type, { from }, FAKE_MEDIA) }));
      for (const { msg } of sent) expect((await h.post(inbound(DEMO, from, [msg]))).status).toBe(200);
      await waitStored(sent.map((s) => s.msg.id));
      const { rows } = await h.ctx.db.query<{
        wa_message_id: string;
        kind: string;
        body: Record<string, unknown>;
      }>('SELECT wa_message_id, kind, body FROM messages WHERE wa_message_id = ANY($1::text[])', [
        sent.map((s) => s.msg.id),
      ]);
      const byId = new Map(rows.map((r) => [r.wa_message_id, r]));
      const kindOf = (type: string) => byId.get(sent.find((s) => s.type === type)!.msg.id)!;
      const expected: Record<string, string> = {
        text: 'text',
        image: 'image',
        audio: 'audio',
        voice: 'audio',
        video: 'video',
        document: 'document',
        sticker: 'sticker',
        location: 'location',
        contacts: 'contacts',
        button_reply: 'interactive',
        list_reply: 'interactive',
        flow_reply: 'interactive',
        button: 'button',
        reaction: 'reaction',
        order: 'order',
        system: 'system',
        referral: 'text',
        unsupported: 'unsupported',
      };
      // A type the simulator learns later must still get a typed body, never `unknown`.
      for (const type of INBOUND_TYPES)
        expect([type, kindOf(type).kind]).toEqual([
          type,
          expected[type] ?? expect.not.stringMatching(/^unknown$/),
        ]);
      expect(kindOf('voice').body['voice']).toBe(true);
      expect(kindOf('button_reply').body['interactiveType']).toBe('button_reply');
      expect(kindOf('list_reply').body['interactiveType']).toBe('list_reply');
      expect(kindOf('referral').body['referral']).toMatchObject({ source_type: 'ad' });
      expect(kindOf('location').body).toMatchObject({ latitude: -23.5614 });
      // Every message of one customer lands in one conversation, in arrival order.
      const thread = await h.ctx.db.query<{ wa_message_id: string }>(
        `SELECT wa_message_id FROM messages WHERE wa_message_id = ANY($1::text[]) ORDER BY created_at, id`,
        [sent.map((s) => s.msg.id)],
      );
      expect(thread.rows.map((r) => r.wa_message_id)).toEqual(sent.map((s) => s.msg.id));
    });

    it('stores a redelivered message once', async () => {
      const from = newCustomer();
      const msg = buildTextMessage({ from, body: 'twice' });
      const payload = inbound(DEMO, from, [msg, msg]);
      expect((await h.post(payload)).status).toBe(200);
      expect((await h.post(payload)).status).toBe(200);
      await waitStored([msg.id]);
      const later = buildTextMessage({ from, body: 'after' });
      await h.post(inbound(DEMO, from, [later]));
      await waitStored([later.id]);
      expect(await messagesOf([msg.id])).toBe(1);
      expect(
        await h.count(
          `SELECT count(*)::int AS n FROM event_log WHERE type = 'message.created' AND data->>'waMessageId' = $1`,
          [msg.id],
        ),
      ).toBe(1);
    });

    it('stores every entry, change and message of one POST', async () => {
      const second = await h.addTenant(`Second ${mode}`, '200000000000001');
      const other: Channel = {
        phoneNumberId: '200000000000001',
        displayPhoneNumber: '15550000001',
        wabaId: '300000000000001',
      };
      const [a, b] = [newCustomer(), newCustomer()];
      const demoMsgs = [
        buildTextMessage({ from: a, body: 'one' }),
        buildTextMessage({ from: b, body: 'two' }),
      ];
      const demoMore = [buildTextMessage({ from: a, body: 'three' })];
      const otherMsgs = [
        buildTextMessage({ from: a, body: 'four' }),
        buildTextMessage({ from: a, body: 'five' }),
      ];
      const payload = {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: DEMO.wabaId,
            changes: [
              {
                field: 'messages',
                value: buildMessagesValue(DEMO, {
                  contacts: [buildContact(a, 'A'), buildContact(b, 'B')],
                  messages: demoMsgs,
                }),
              },
              {
                field: 'messages',
                value: buildMessagesValue(DEMO, { contacts: [buildContact(a, 'A')], messages: demoMore }),
              },
              {
                field: 'account_update',
                value: { phone_number: DEMO.displayPhoneNumber, event: 'VERIFIED_ACCOUNT' },
              },
            ],
          },
          {
            id: other.wabaId,
            changes: [
              {
                field: 'messages',
                value: buildMessagesValue(other, { contacts: [buildContact(a, 'A')], messages: otherMsgs }),
              },
            ],
          },
        ],
      };
      expect((await h.post(payload)).status).toBe(200);
      await waitStored([...demoMsgs, ...demoMore, ...otherMsgs].map((m) => m.id));
      const tenantOf = async (id: string) =>
        (
          await h.ctx.db.query<{ tenant_id: string }>(
            'SELECT tenant_id FROM messages WHERE wa_message_id = $1',
            [id],
          )
        ).rows[0]?.tenant_id;
      expect(await tenantOf(demoMsgs[0]!.id)).toBe(h.tenantId);
      expect(await tenantOf(otherMsgs[1]!.id)).toBe(second.tenantId);
      await h.waitFor(
        async () =>
          (await h.count(
            `SELECT count(*)::int AS n FROM channel_events WHERE field = 'account_update' AND tenant_id = $1`,
            [h.tenantId],
          )) === 1,
        'the account_update stored',
      );
    });

    it('moves statuses forward whatever their order, and ignores repeats', async () => {
      const from = newCustomer();
      await h.post(inbound(DEMO, from));
      const convId = await conversationOf(h, from);
      const wamid = `wamid.out.${from}`;
      const failedId = `wamid.fail.${from}`;
      await insertOutbound(h.ctx.db, h.tenantId, convId, wamid);
      await insertOutbound(h.ctx.db, h.tenantId, convId, failedId);
      const st = (id: string, status: 'sent' | 'delivered' | 'read' | 'failed', extra = {}) =>
        buildStatus({ id, recipientId: from, status, ...extra });
      await h.post(statusPayload(DEMO, [st(wamid, 'read')]));
      await h.post(statusPayload(DEMO, [st(wamid, 'sent'), st(wamid, 'delivered')]));
      await h.post(statusPayload(DEMO, [st(wamid, 'read')]));
      const error = { code: 131047, title: 'Re-engagement message', message: 'More than 24 hours' };
      await h.post(statusPayload(DEMO, [st(failedId, 'sent'), st(failedId, 'failed', { errors: [error] })]));
      await h.post(statusPayload(DEMO, [st(failedId, 'delivered')]));
      await h.waitFor(async () => (await h.ctx.queue.stats()).depth === 0, 'the queue drained');
      const rows = await h.ctx.db.query<{ wa_message_id: string; status: string; error: unknown }>(
        'SELECT wa_message_id, status, error FROM messages WHERE wa_message_id = ANY($1::text[]) ORDER BY wa_message_id',
        [[wamid, failedId]],
      );
      expect(rows.rows).toEqual([
        {
          wa_message_id: failedId,
          status: 'failed',
          // The agent's sentence for a code Parley knows (outbound/meta-errors.ts), not Meta's title.
          error: {
            code: 131047,
            title: "More than 24 hours since the customer's last message: send a template",
          },
        },
        { wa_message_id: wamid, status: 'read', error: null },
      ]);
      // One logged change per step forward: read for one, failed for the other.
      expect(
        await h.count(
          `SELECT count(*)::int AS n FROM event_log e JOIN messages m ON m.id::text = e.entity_id
           WHERE e.type = 'message.updated' AND m.wa_message_id = ANY($1::text[])`,
          [[wamid, failedId]],
        ),
      ).toBe(2);
    });

    it('keeps a status that outruns its message and applies it when the message lands', async () => {
      const from = newCustomer();
      await h.post(inbound(DEMO, from));
      const convId = await conversationOf(h, from);
      const wamid = `wamid.early.${from}`;
      await h.post(statusPayload(DEMO, [buildStatus({ id: wamid, recipientId: from, status: 'delivered' })]));
      await h.waitFor(
        async () =>
          (await h.count('SELECT count(*)::int AS n FROM early_statuses WHERE wa_message_id = $1', [
            wamid,
          ])) === 1,
        'the early status kept',
      );
      // What the send path does when Meta's answer names the message.
      await h.ctx.db.tx(async (q) => {
        await insertOutbound(q, h.tenantId, convId, wamid);
        await applyEarlyStatuses(q, h.tenantId, wamid, { entries: [], statusesApplied: 0 });
      });
      const { rows } = await h.ctx.db.query<{ status: string }>(
        'SELECT status FROM messages WHERE wa_message_id = $1',
        [wamid],
      );
      expect(rows[0]?.status).toBe('delivered');
      expect(
        await h.count('SELECT count(*)::int AS n FROM early_statuses WHERE wa_message_id = $1', [wamid]),
      ).toBe(0);
    });

    it('updates a contact’s profile name and logs the change', async () => {
      const from = newCustomer();
      const first = buildTextMessage({ from, body: 'hi' });
      await h.post(inbound(DEMO, from, [first], 'Ana'));
      await waitStored([first.id]);
      const second = buildTextMessage({ from, body: 'hi again' });
      await h.post(inbound(DEMO, from, [second], 'Ana Souza'));
      await waitStored([second.id]);
      const { rows } = await h.ctx.db.query<{ id: string; name: string }>(
        'SELECT id, name FROM contacts WHERE wa_id = $1',
        [from],
      );
      expect(rows[0]?.name).toBe('Ana Souza');
      const logged = await h.ctx.db.query<{ data: { name: string } }>(
        `SELECT data FROM event_log WHERE type = 'contact.updated' AND entity_id = $1`,
        [rows[0]!.id],
      );
      expect(logged.rows.map((r) => r.data.name)).toEqual(['Ana Souza']);
    });

    it('reopens a resolved conversation when the customer writes again', async () => {
      const from = newCustomer();
      await h.post(inbound(DEMO, from));
      const convId = await conversationOf(h, from);
      await h.ctx.db.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [convId]);
      const again = buildTextMessage({ from, body: 'one more question' });
      await h.post(inbound(DEMO, from, [again]));
      await waitStored([again.id]);
      const { rows } = await h.ctx.db.query<{ status: string; last_message_preview: string }>(
        'SELECT status, last_message_preview FROM conversations WHERE id = $1',
        [convId],
      );
      expect(rows[0]).toEqual({ status: 'open', last_message_preview: 'one more question' });
      const logged = await h.ctx.db.query<{ data: { status?: string } }>(
        `SELECT data FROM event_log WHERE type = 'conversation.updated' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
        [convId],
      );
      expect(logged.rows[0]?.data.status).toBe('open');
    });

    it('answers Meta’s verify handshake with the challenge, and 403 to a wrong token', async () => {
      const get = (token: string, path = '/webhooks/whatsapp') =>
        fetch(`${h.url}${path}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
      const ok = await get('verify-me');
      expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
      expect((await get('wrong')).status).toBe(403);
    });

    it('takes a channel’s own webhook URL, signed with that channel’s app secret', async () => {
      const own = await h.addTenant(`Own URL ${mode}`, '200000000000055', {
        appSecret: 'channel-secret',
        verifyToken: 'channel-verify',
      });
      const channel: Channel = {
        phoneNumberId: '200000000000055',
        displayPhoneNumber: '15550000055',
        wabaId: '300000000000055',
      };
      const path = `/webhooks/whatsapp/${own.channelId}`;
      const from = newCustomer();
      const msg = buildTextMessage({ from, body: 'via the channel URL' });
      expect((await h.post(inbound(channel, from, [msg]), { path })).status).toBe(401);
      expect((await h.post(inbound(channel, from, [msg]), { path, secret: 'channel-secret' })).status).toBe(
        200,
      );
      await waitStored([msg.id]);
      const hs = await fetch(
        `${h.url}${path}?hub.mode=subscribe&hub.verify_token=channel-verify&hub.challenge=42`,
      );
      expect(await hs.text()).toBe('42');
      // Another number, even of the same tenant, through this channel's URL: kept aside, not stored.
      await h.ctx.db.query(
        "INSERT INTO channels (tenant_id, name, phone_number_id) SELECT tenant_id, 'Second', '200000000000056' FROM channels WHERE id = $1",
        [own.channelId],
      );
      const other = buildTextMessage({ from, body: 'through the wrong URL' });
      const second: Channel = { ...channel, phoneNumberId: '200000000000056' };
      expect((await h.post(inbound(second, from, [other]), { path, secret: 'channel-secret' })).status).toBe(
        200,
      );
      const kept = await h.count(
        "SELECT count(*)::int AS n FROM quarantine WHERE reason = 'foreign_number:200000000000056'",
      );
      expect(kept).toBe(1);
      expect(
        await h.count(`SELECT count(*)::int AS n FROM messages WHERE wa_message_id = '${other.id}'`),
      ).toBe(0);
      const unknown = await h.post(inbound(channel, from, [msg]), {
        path: '/webhooks/whatsapp/00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.status).toBe(404);
    });

    it('answers 401 to a missing or wrong signature and keeps nothing', async () => {
      const from = newCustomer();
      const msg = buildTextMessage({ from, body: 'forged' });
      const before = await h.count('SELECT count(*)::int AS n FROM quarantine');
      expect((await h.post(inbound(DEMO, from, [msg]), { signature: null })).status).toBe(401);
      expect((await h.post(inbound(DEMO, from, [msg]), { secret: 'not-the-secret' })).status).toBe(401);
      expect((await h.post(inbound(DEMO, from, [msg]), { signature: 'sha256=zz' })).status).toBe(401);
      // A later good delivery is processed, so the forged ones would have been by now.
      const good = buildTextMessage({ from, body: 'real' });
      await h.post(inbound(DEMO, from, [good]));
      await waitStored([good.id]);
      expect(await messagesOf([msg.id])).toBe(0);
      expect(await h.count('SELECT count(*)::int AS n FROM quarantine')).toBe(before);
    });

    it('answers 413 to a body over the limit', async () => {
      const res = await h.post({
        object: 'whatsapp_business_account',
        entry: [],
        pad: 'x'.repeat(300 * 1024),
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    });

    it('lets a client still uploading a many-megabyte body read its 413 (no broken pipe)', async () => {
      const res = await h.post({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(8 << 20) });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    });

    it('answers 503 while the queue cannot append, and accepts the retry', async () => {
      const from = newCustomer();
      const msg = buildTextMessage({ from, body: 'retry me' });
      queueDown = true;
      try {
        const res = await h.post(inbound(DEMO, from, [msg]));
        expect(res.status).toBe(503);
        expect(JSON.parse(res.body).error.code).toBe('queue_unavailable');
      } finally {
        queueDown = false;
      }
      expect((await h.post(inbound(DEMO, from, [msg]))).status).toBe(200);
      await waitStored([msg.id]);
    });

    it('quarantines what it cannot route, and replays it once the number is added', async () => {
      const from = newCustomer();
      const stranger: Channel = {
        phoneNumberId: '999000111222',
        displayPhoneNumber: '15559990000',
        wabaId: '888000111222',
      };
      const msg = buildTextMessage({ from, body: 'to an unknown number' });
      expect((await h.post(inbound(stranger, from, [msg]))).status).toBe(200);
      expect((await h.post('not json at all')).status).toBe(200);
      expect((await h.post({ hello: 'world' })).status).toBe(200);
      const { rows } = await h.ctx.db.query<{ reason: string }>(
        'SELECT reason FROM quarantine WHERE replayed_at IS NULL ORDER BY id',
      );
      expect(rows.map((r) => r.reason)).toEqual(
        expect.arrayContaining(['unknown_number:999000111222', 'not_json', 'not_an_envelope']),
      );
      const added = await h.addTenant(`Stranger ${mode}`, stranger.phoneNumberId);
      const replay = adminOperation('quarantine-replay')!;
      const result = (await replay.run(h.ctx, {})) as { results: { outcome: string }[] };
      // Earlier tests of this suite may leave quarantined payloads of their own (a foreign number on a
      // channel's URL): only the stranger's message becomes routable, everything else stays put.
      const outcomes = result.results.map((r) => r.outcome);
      expect(outcomes.filter((o) => o === 'enqueued')).toEqual(['enqueued']);
      expect(outcomes.filter((o) => o !== 'enqueued').every((o) => o === 'quarantined')).toBe(true);
      expect(outcomes.length).toBeGreaterThanOrEqual(3);
      await waitStored([msg.id]);
      const tenant = await h.ctx.db.query<{ tenant_id: string }>(
        'SELECT tenant_id FROM messages WHERE wa_message_id = $1',
        [msg.id],
      );
      expect(tenant.rows[0]?.tenant_id).toBe(added.tenantId);
    });

    it('dead-letters a payload that keeps failing, and replays it after the fix', async () => {
      const broken = await h.addTenant(`Broken ${mode}`, '200000000000077');
      const channel: Channel = {
        phoneNumberId: '200000000000077',
        displayPhoneNumber: '15550000077',
        wabaId: '300000000000077',
      };
      // Without its event counter the tenant's writes fail in the transaction, every time.
      const { rows } = await h.ctx.db.query<{ seq: number }>(
        'DELETE FROM tenant_counters WHERE tenant_id = $1 RETURNING seq',
        [broken.tenantId],
      );
      const from = newCustomer();
      const msg = buildTextMessage({ from, body: 'poison for now' });
      expect((await h.post(inbound(channel, from, [msg]))).status).toBe(200);
      await h.waitFor(async () => (await h.ctx.queue.stats()).dead >= 1, 'the job dead-lettered');
      const dead = await h.ctx.queue.dead(100);
      const mine = dead.filter((d) => d.lane === broken.tenantId);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ attempts: 2 });
      expect(mine[0]!.error).toMatch(/no event counter/);
      expect(await messagesOf([msg.id])).toBe(0);

      await h.ctx.db.query('INSERT INTO tenant_counters (tenant_id, seq) VALUES ($1, $2)', [
        broken.tenantId,
        rows[0]!.seq,
      ]);
      expect(await h.ctx.queue.replayDead(mine.map((d) => d.id))).toBe(1);
      await waitStored([msg.id]);
      expect((await h.ctx.queue.dead(100)).filter((d) => d.lane === broken.tenantId)).toHaveLength(0);
    });

    it('shows lanes, depth, lag and dead letters in queue stats', async () => {
      await h.stopWorker();
      try {
        const from = newCustomer();
        await h.post(inbound(DEMO, from));
        await h.post(inbound(DEMO, from));
        await new Promise((r) => setTimeout(r, 20));
        const stats = (await adminOperation('queue-stats')!.run(h.ctx, {})) as Awaited<
          ReturnType<IngestQueue['stats']>
        >;
        const lane = stats.lanes.find((l) => l.lane === h.tenantId);
        expect(lane?.depth).toBe(2);
        expect(lane?.oldestAgeMs).toBeGreaterThan(0);
        expect(stats.lagMs).toBeGreaterThanOrEqual(lane!.oldestAgeMs!);
        expect(stats.depth).toBe(2);
        expect(typeof stats.dead).toBe('number');
      } finally {
        await h.startWorker({ concurrency: 2, maxAttempts: 2 });
      }
      await h.waitFor(async () => (await h.ctx.queue.stats()).depth === 0, 'the queue drained');
      expect((await h.ctx.queue.stats()).lagMs).toBeNull();
    });

    it('serves a quiet tenant while another bursts (2,000 messages against 20)', async () => {
      await h.stopWorker();
      const quiet = await h.addTenant(`Quiet ${mode}`, '200000000000042');
      const quietChannel: Channel = {
        phoneNumberId: '200000000000042',
        displayPhoneNumber: '15550000042',
        wabaId: '300000000000042',
      };
      // 200 POSTs of 10 messages: Meta batches a busy number's messages like this.
      const burst = Array.from({ length: 200 }, (_, i) => {
        const from = `1777${String(i % 50).padStart(6, '0')}`;
        const msgs = Array.from({ length: 10 }, (_, k) =>
          buildTextMessage({ from, body: `burst ${i}.${k}` }),
        );
        return inbound(DEMO, from, msgs);
      });
      for (let i = 0; i < burst.length; i += 50)
        await Promise.all(
          burst.slice(i, i + 50).map(async (p) => expect((await h.post(p)).status).toBe(200)),
        );
      const quietIds: string[] = [];
      for (let i = 0; i < 20; i++) {
        const from = `1888${String(i).padStart(6, '0')}`;
        const msg = buildTextMessage({ from, body: `quiet ${i}` });
        quietIds.push(msg.id);
        expect((await h.post(inbound(quietChannel, from, [msg]))).status).toBe(200);
      }
      // One worker loop taking 10 payloads per lease: only the lane rotation lets the quiet tenant
      // through before the burst is done.
      const recorder = commitRecorder();
      await h.startWorker({ concurrency: 1, batchSize: 10, hooks: [recorder] });
      await waitStored(quietIds);
      await h.waitFor(async () => (await h.ctx.queue.stats()).depth === 0, 'the burst drained', 90_000);
      let burstDone = 0;
      let burstDoneWhenQuietDone = -1;
      let quietDone = 0;
      for (const c of recorder.commits) {
        if (c.tenantId === quiet.tenantId) quietDone += c.n;
        else if (c.tenantId === h.tenantId) burstDone += c.n;
        if (quietDone === 20 && burstDoneWhenQuietDone < 0) burstDoneWhenQuietDone = burstDone;
      }
      expect(burstDone).toBe(2000);
      expect(burstDoneWhenQuietDone).toBeGreaterThanOrEqual(0);
      // The quiet lane waited for at most two leases of the burst (10 POSTs each), not for all of it.
      expect(burstDoneWhenQuietDone).toBeLessThanOrEqual(200);
      await h.stopWorker();
      await h.startWorker({ concurrency: 2, maxAttempts: 2 });
    }, 180_000);
  });
}

async function conversationOf(h: IngestHarness, waId: string): Promise<string> {
  let id: string | undefined;
  await h.waitFor(async () => {
    const { rows } = await h.ctx.db.query<{ id: string }>(
      'SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = $1',
      [waId],
    );
    id = rows[0]?.id;
    return id !== undefined;
  }, `a conversation with ${waId}`);
  return id!;
}

/** An outbound message as the send path records it once Meta answered with its id. */
async function insertOutbound(q: Queryable, tenantId: string, conversationId: string, wamid: string) {
  await q.query(
    `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, wa_message_id)
     VALUES ($1, $2, 'out', 'text', '{"kind":"text","body":"sent by an agent"}', 'sent', $3)`,
    [tenantId, conversationId, wamid],
  );
}
