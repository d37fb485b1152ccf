// Sends whose answer was lost: shown as failed-unconfirmed after the timeout, and given back their
// WhatsApp id (and a status) by a status webhook carrying the callback tag, even after expiry.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessPubSub } from '../pubsub/in-process.ts';
import { seedFirstRun } from '../seed/first-run.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { MESSAGES } from './meta-errors.ts';
import { callbackData, expireUnknownSends, linkSendsByCallback } from './settle-unknown.ts';

let db: Db;
let tenantId: string;
let conversationId: string;
const pubsub = createInProcessPubSub();

beforeAll(async () => {
  db = await openPglite(null);
  await migrate(db);
  const seeded = await seedFirstRun(db, createSecretBox(randomBytes(32).toString('hex')), {
    email: 'o@x.test',
    password: 'password-123',
  });
  tenantId = seeded!.tenantId;
  const contact = await db.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, '15550001111') RETURNING id`,
    [tenantId],
  );
  const conv = await db.query<{ id: string }>(
    'INSERT INTO conversations (tenant_id, channel_id, contact_id) VALUES ($1, $2, $3) RETURNING id',
    [tenantId, seeded!.channelId, contact.rows[0]!.id],
  );
  conversationId = conv.rows[0]!.id;
});
afterAll(async () => {
  await db.close();
});

async function unknownSend(startedMinutesAgo: number): Promise<string> {
  const m = await db.query<{ id: string }>(
    `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status)
     VALUES ($1, $2, 'out', 'text', '{"body":"hi"}', 'unknown') RETURNING id`,
    [tenantId, conversationId],
  );
  const id = m.rows[0]!.id;
  await db.query(
    `INSERT INTO outbound_sends (message_id, tenant_id, conversation_id, state, tries, started_at)
     VALUES ($1, $2, $3, 'unknown', 1, now() - $4 * interval '1 minute')`,
    [id, tenantId, conversationId, startedMinutesAgo],
  );
  return id;
}

const row = async (id: string) =>
  (
    await db.query<{
      status: string;
      error: { title: string } | null;
      wa_message_id: string | null;
      state: string;
    }>(
      `SELECT m.status, m.error, m.wa_message_id, s.state FROM messages m JOIN outbound_sends s ON s.message_id = m.id
       WHERE m.id = $1`,
      [id],
    )
  ).rows[0]!;

describe('unknown sends', () => {
  it('are shown failed with the unconfirmed sentence once older than the timeout, and not before', async () => {
    const old = await unknownSend(20);
    const recent = await unknownSend(1);
    const n = await expireUnknownSends({ db, pubsub, prefix: 't' }, 10 * 60 * 1000);
    expect(n).toBe(1);
    expect(await row(old)).toMatchObject({
      status: 'failed',
      state: 'expired',
      error: { title: MESSAGES.unconfirmed },
    });
    expect(await row(recent)).toMatchObject({ status: 'unknown', state: 'unknown' });
  });

  it('get their WhatsApp id from a status carrying their callback tag, even after expiry', async () => {
    const id = await unknownSend(30);
    await expireUnknownSends({ db, pubsub, prefix: 't' }, 10 * 60 * 1000);
    const out = { entries: [] as never[] };
    const linked = await db.tx((q) =>
      linkSendsByCallback(
        q,
        tenantId,
        [{ waMessageId: 'wamid.LATE', raw: { biz_opaque_callback_data: callbackData(id, 1) } }],
        out,
      ),
    );
    expect(linked).toBe(1);
    // Back to unknown (not failed), so the status that follows can move it forward.
    expect(await row(id)).toMatchObject({
      status: 'unknown',
      wa_message_id: 'wamid.LATE',
      state: 'accepted',
      error: null,
    });
  });

  it('ignore a tag of an earlier attempt and statuses without a tag', async () => {
    const id = await unknownSend(1);
    const linked = await db.tx((q) =>
      linkSendsByCallback(
        q,
        tenantId,
        [
          { waMessageId: 'wamid.OLD', raw: { biz_opaque_callback_data: callbackData(id, 7) } },
          { waMessageId: 'wamid.NONE', raw: {} },
        ],
        { entries: [] },
      ),
    );
    expect(linked).toBe(0);
    expect(await row(id)).toMatchObject({ wa_message_id: null, state: 'unknown' });
  });
});
