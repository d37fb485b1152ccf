// Retention of the tables that only grow, on the embedded database (issue 17, item 9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { cleanTablesOnce } from './table-retention.ts';

describe('table retention', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('removes what is past its age, keeps what is not, and settles early statuses whose message exists', async () => {
    const t = (await db.query<{ id: string }>("INSERT INTO tenants (name) VALUES ('R') RETURNING id"))
      .rows[0]!.id;
    await db.query('INSERT INTO tenant_counters (tenant_id) VALUES ($1)', [t]);
    const ch = (
      await db.query<{ id: string }>(
        "INSERT INTO channels (tenant_id, name, phone_number_id) VALUES ($1, 'n', 'p1') RETURNING id",
        [t],
      )
    ).rows[0]!.id;
    const k = (
      await db.query<{ id: string }>(
        "INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, '55') RETURNING id",
        [t],
      )
    ).rows[0]!.id;
    const c = (
      await db.query<{ id: string }>(
        'INSERT INTO conversations (tenant_id, channel_id, contact_id) VALUES ($1, $2, $3) RETURNING id',
        [t, ch, k],
      )
    ).rows[0]!.id;
    const m = (
      await db.query<{ id: string }>(
        `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, wa_message_id)
         VALUES ($1, $2, 'out', 'text', '{}', 'sent', 'wamid.here') RETURNING id`,
        [t, c],
      )
    ).rows[0]!.id;
    const old = "now() - interval '400 days'";
    await db.exec(`
      INSERT INTO early_statuses (tenant_id, wa_message_id, status, received_at) VALUES
        ('${t}', 'wamid.here', 'delivered', now()),
        ('${t}', 'wamid.gone', 'read', ${old}),
        ('${t}', 'wamid.later', 'read', now());
      INSERT INTO quarantine (reason, body, received_at) VALUES ('old', '{}', ${old}), ('new', '{}', now());
      INSERT INTO queue_dead (queue, lane, payload, attempts, enqueued_at, died_at) VALUES
        ('q', 'l', '{}', 5, ${old}, ${old}), ('q', 'l', '{}', 5, now(), now());
      INSERT INTO followups (tenant_id, payload, run_after, parked_at) VALUES
        ('${t}', '{}', now(), ${old}), ('${t}', '{}', now(), now()), ('${t}', '{}', now(), NULL);
      INSERT INTO channel_events (tenant_id, field, value, received_at) VALUES
        ('${t}', 'f', '{}', ${old}), ('${t}', 'f', '{}', now());
      INSERT INTO audit_log (tenant_id, action, target, at) VALUES
        ('${t}', 'a', 'x', ${old}), ('${t}', 'a', 'x', now());
      INSERT INTO webhook_subscriptions (id, tenant_id, url, event_types, secret_enc)
        VALUES ('00000000-0000-4000-8000-000000000001', '${t}', 'https://h.example', '{note.created}', 'x');
      INSERT INTO webhook_deliveries (tenant_id, subscription_id, seq, event_type, order_key, payload, status, created_at) VALUES
        ('${t}', '00000000-0000-4000-8000-000000000001', 1, 'note.created', 'k', '{}', 'delivered', ${old}),
        ('${t}', '00000000-0000-4000-8000-000000000001', 2, 'note.created', 'k', '{}', 'pending', ${old}),
        ('${t}', '00000000-0000-4000-8000-000000000001', 3, 'note.created', 'k', '{}', 'delivered', now());`);

    const removed = await cleanTablesOnce({ db, pubsub: createInProcessPubSub(), prefix: 'r' });
    expect(removed).toMatchObject({
      earlyStatuses: 2,
      quarantine: 1,
      deadLetters: 1,
      parkedFollowups: 1,
      channelEvents: 1,
      auditLog: 1,
      webhookDeliveries: 1,
    });
    const left = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;
    // The status for a message that exists was applied (with its event), not just deleted.
    expect(
      (await db.query<{ status: string }>('SELECT status FROM messages WHERE id = $1', [m])).rows[0]!.status,
    ).toBe('delivered');
    expect(await left("SELECT count(*)::int AS n FROM event_log WHERE type = 'message.updated'")).toBe(1);
    const early = await db.query<{ wa_message_id: string }>('SELECT wa_message_id FROM early_statuses');
    expect(early.rows.map((r) => r.wa_message_id)).toEqual(['wamid.later']);
    expect(await left('SELECT count(*)::int AS n FROM quarantine')).toBe(1);
    expect(await left('SELECT count(*)::int AS n FROM queue_dead')).toBe(1);
    expect(await left('SELECT count(*)::int AS n FROM followups')).toBe(2);
    expect(await left('SELECT count(*)::int AS n FROM channel_events')).toBe(1);
    expect(await left('SELECT count(*)::int AS n FROM audit_log')).toBe(1);
    // A delivery still waiting for its receiver is never cleaned, however old.
    expect(await left('SELECT count(*)::int AS n FROM webhook_deliveries')).toBe(2);
  }, 60_000);
});
