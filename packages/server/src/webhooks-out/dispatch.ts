// Copies a tenant's committed changes into its subscriptions' deliveries. The event log is gap-free
// and in commit order (docs/sync-protocol.md), so a cursor per subscription is all it takes to see
// every change exactly once: the copy and the cursor's move commit together, and a copy repeated
// after a crash hits the (subscription, seq) key and is skipped.
import type { Db } from '../store/db.ts';

const BATCH = 500;

/** One pass over every active subscription; answers how many deliveries it created. */
export async function dispatchOnce(db: Db, batch = BATCH): Promise<number> {
  const { rows: subs } = await db.query<{ id: string }>(
    `SELECT s.id FROM webhook_subscriptions s JOIN tenant_counters c ON c.tenant_id = s.tenant_id
     WHERE s.active AND c.seq > s.cursor_seq`,
  );
  let created = 0;
  for (const { id } of subs) {
    for (;;) {
      const n = await dispatchSubscription(db, id, batch);
      if (n === null) break;
      created += n;
    }
  }
  return created;
}

/**
 * Moves one subscription's cursor over at most `batch` entries; null when there was nothing to
 * move (or another worker holds it). Entries of types it did not subscribe to only move the cursor.
 */
async function dispatchSubscription(db: Db, id: string, batch: number): Promise<number | null> {
  return db.tx(async (q) => {
    const { rows } = await q.query<{ moved: string | null; created: string }>(
      `WITH sub AS (
         SELECT id, tenant_id, cursor_seq, event_types FROM webhook_subscriptions
         WHERE id = $1 AND active FOR UPDATE SKIP LOCKED
       ), e AS (
         SELECT l.* FROM event_log l, sub WHERE l.tenant_id = sub.tenant_id AND l.seq > sub.cursor_seq
         ORDER BY l.seq LIMIT $2
       ), ins AS (
         INSERT INTO webhook_deliveries (tenant_id, subscription_id, seq, event_type, order_key, payload)
         SELECT sub.tenant_id, sub.id, e.seq, e.type,
                COALESCE(e.data ->> 'conversationId', m.conversation_id::text, e.entity_id),
                jsonb_build_object('id', sub.id || ':' || e.seq, 'event', e.type, 'seq', e.seq,
                  'tenantId', e.tenant_id, 'entityId', e.entity_id, 'occurredAt', e.committed_at, 'data', e.data)
         FROM e CROSS JOIN sub
         LEFT JOIN messages m ON e.type LIKE 'message.%'
           AND m.id = CASE WHEN e.type LIKE 'message.%' THEN e.entity_id::uuid END
         WHERE e.type = ANY (sub.event_types)
         ON CONFLICT (subscription_id, seq) DO NOTHING
         RETURNING 1
       ), moved AS (
         UPDATE webhook_subscriptions s SET cursor_seq = (SELECT max(seq) FROM e)
         FROM sub WHERE s.id = sub.id AND EXISTS (SELECT 1 FROM e)
         RETURNING s.cursor_seq
       )
       SELECT (SELECT cursor_seq FROM moved) AS moved, (SELECT count(*) FROM ins) AS created`,
      [id, batch],
    );
    const r = rows[0];
    return r?.moved === null || r?.moved === undefined ? null : Number(r.created);
  });
}
