// One bad character: U+0000 or a lone UTF-16 surrogate (JSON carries both as escapes, PostgreSQL
// stores neither) must not fail a delivery and lose the messages beside it, must not make the API
// answer 500, and a signed body that is not JSON and holds a NUL byte is quarantined (200), not
// refused with 503 for Meta to retry forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PHONE_NUMBER_ID } from '../seed/first-run.ts';
import { apiClient, createTenantFixture, type TenantFixture } from '../test-support/inbox-fixture.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import { signBody } from '../webhook/verify-signature.ts';

const PHONE = DEMO_PHONE_NUMBER_ID;
let server: TestServer;
let t: TenantFixture;
beforeAll(async () => {
  server = await startTestServer();
  t = await createTenantFixture(server.ctx, 'poison');
});
afterAll(async () => {
  await server?.stop();
});

const postSigned = async (body: string) => {
  const res = await fetch(`${server.baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(body, server.ctx.appSecret),
    },
    body,
  });
  return res.status;
};

const message = (id: string, from: string, text: string) => ({
  from,
  id,
  timestamp: String(Math.floor(Date.now() / 1000)),
  type: 'text',
  text: { body: text },
});

async function waitFor<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('poison characters in a delivery', () => {
  it('replaces them with U+FFFD, keeps the good messages beside them, and keeps the raw payload', async () => {
    const stamp = Date.now();
    const envelope = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: PHONE },
                contacts: [
                  { profile: { name: 'Bad\ud800Name' }, wa_id: '5511900000001' },
                  { profile: { name: 'Good Name' }, wa_id: '5511900000002' },
                ],
                messages: [
                  message(`wamid.poison-${stamp}`, '5511900000001', 'nul\u0000here and \udc00 there'),
                  message(`wamid.good-${stamp}`, '5511900000002', 'a perfectly good message'),
                ],
              },
            },
          ],
        },
      ],
    };
    const body = JSON.stringify(envelope);
    expect(body).toContain('\\u0000');
    expect(await postSigned(body)).toBe(200);
    const rows = await waitFor(async () => {
      const { rows } = await server.ctx.db.query<{ wa_message_id: string; body: { body: string } }>(
        'SELECT wa_message_id, body FROM messages WHERE wa_message_id = ANY($1) ORDER BY wa_message_id',
        [[`wamid.poison-${stamp}`, `wamid.good-${stamp}`]],
      );
      return rows.length === 2 ? rows : undefined;
    }, 'both messages');
    expect(rows.map((r) => r.body.body)).toEqual([
      'a perfectly good message',
      'nul\uFFFDhere and \uFFFD there',
    ]);
    const contact = await server.ctx.db.query<{ name: string }>(
      'SELECT name FROM contacts WHERE wa_id = $1',
      ['5511900000001'],
    );
    expect(contact.rows[0]?.name).toBe('Bad\uFFFDName');
    const kept = await server.ctx.db.query<{ body: string; replayed_at: Date | null }>(
      "SELECT body, replayed_at FROM quarantine WHERE reason = 'replaced_characters' AND body LIKE $1",
      [`%wamid.poison-${stamp}%`],
    );
    expect(kept.rows[0]?.body).toBe(body);
    // Kept for the record: the delivery itself went through, so there is nothing to replay.
    expect(kept.rows[0]?.replayed_at).not.toBeNull();
    expect((await server.ctx.queue.stats()).dead).toBe(0);
  });

  it('a signed body that is not JSON and holds a NUL byte is quarantined byte for byte, answered 200', async () => {
    const body = `not json\u0000 at all ${Date.now()}`;
    expect(await postSigned(body)).toBe(200);
    const { rows } = await server.ctx.db.query<{ body: string; raw: Uint8Array | null }>(
      "SELECT body, raw FROM quarantine WHERE reason = 'not_json' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]?.body).toBe(body.replace('\u0000', '\uFFFD'));
    expect(Buffer.from(rows[0]!.raw!).toString('utf8')).toBe(body);
  });
});

describe('poison characters in API requests answer 400, not 500', () => {
  it('search, notes, contact names and canned responses', async () => {
    const call = apiClient(server.baseUrl, t.owner.token);
    const attempts = [
      await call('GET', `/api/v1/search?q=${encodeURIComponent('a\u0000b')}`),
      await call('POST', `/api/v1/conversations/${t.conversationId}/notes`, { body: 'note \u0000' }),
      await call('PATCH', `/api/v1/contacts/${t.contactId}`, { name: 'Ana \ud83d' }),
      await call('PATCH', `/api/v1/contacts/${t.contactId}`, { attributes: { 'k\u0000': 'v' } }),
      await call('POST', '/api/v1/canned-responses', { shortcode: 'nul', body: 'hello \u0000' }),
    ];
    for (const a of attempts) {
      expect(a.status, a.text).toBe(400);
      expect((a.body as { error: { code: string; message: string } }).error.message).toMatch(/U\+0000/);
    }
    // A proper pair (an emoji) is fine.
    expect((await call('PATCH', `/api/v1/contacts/${t.contactId}`, { name: 'Ana 😀' })).status).toBe(200);
  });
});
