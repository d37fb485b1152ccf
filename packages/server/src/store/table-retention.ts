// Retention of the tables that only grow (issue 17, item 9; the event log has its own, in
// events/retention.ts). Every worker runs the rounds: each rule is an idempotent DELETE (and the
// early statuses' apply-then-delete is one too), so two rounds at once only wait on each other's
// rows. Ages are in days (docs/faults.md, "Retention").
import { commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import { applyEarlyStatuses } from '../ingest/persist-inbound.ts';
import type { Logger } from '../log/logger.ts';
import type { PubSub } from '../pubsub/port.ts';
import { createPeriodicTask } from '../services/periodic-task.ts';
import type { Service } from '../services/service.ts';
import type { Db } from './db.ts';

/** Days each kind of row is kept. */
export const RETENTION_DAYS = {
  /** A status whose message never came (or came in another tenant's number). */
  earlyStatuses: 7,
  quarantine: 30,
  deadLetters: 30,
  parkedFollowups: 30,
  channelEvents: 90,
  expiredSessions: 1,
  auditLog: 365,
  /** Outgoing-webhook deliveries that reached their receiver, or were given up on. */
  webhookDeliveries: 30,
} as const;

/** DELETE statements by rule: `$1` is the cut-off time. */
const AGE_RULES: Record<Exclude<keyof typeof RETENTION_DAYS, 'earlyStatuses'>, string> = {
  quarantine: 'DELETE FROM quarantine WHERE received_at < $1',
  deadLetters: 'DELETE FROM queue_dead WHERE died_at < $1',
  parkedFollowups: 'DELETE FROM followups WHERE parked_at < $1',
  channelEvents: 'DELETE FROM channel_events WHERE received_at < $1',
  expiredSessions: 'DELETE FROM sessions WHERE expires_at < $1',
  auditLog: 'DELETE FROM audit_log WHERE at < $1',
  webhookDeliveries: "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1",
};

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionDeps {
  db: Db;
  pubsub: PubSub;
  prefix: string;
}

/**
 * Early statuses whose message exists now (a status that raced the send's commit) are applied
 * with their event, which deletes them; those older than their age go.
 */
async function cleanEarlyStatuses(deps: RetentionDeps, now: number): Promise<number> {
  const { rows } = await deps.db.query<{ tenant_id: string; wa_message_id: string }>(
    `SELECT DISTINCT e.tenant_id, e.wa_message_id FROM early_statuses e
     WHERE EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = e.tenant_id AND m.wa_message_id = e.wa_message_id)
     LIMIT 500`,
  );
  for (const r of rows) {
    await commitChanges(deps.db, deps.pubsub, deps.prefix, r.tenant_id, async (q) => {
      const out = { entries: [] as NewEntry[], statusesApplied: 0 };
      await applyEarlyStatuses(q, r.tenant_id, r.wa_message_id, out);
      return { value: null, entries: out.entries };
    });
  }
  const old = await deps.db.query('DELETE FROM early_statuses WHERE received_at < $1', [
    new Date(now - RETENTION_DAYS.earlyStatuses * DAY_MS),
  ]);
  return rows.length + old.rowCount;
}

/** One round of every rule; answers how many rows each removed. */
export async function cleanTablesOnce(
  deps: RetentionDeps,
  now = Date.now(),
): Promise<Record<string, number>> {
  const removed: Record<string, number> = { earlyStatuses: await cleanEarlyStatuses(deps, now) };
  for (const [rule, sql] of Object.entries(AGE_RULES)) {
    const days = RETENTION_DAYS[rule as keyof typeof AGE_RULES];
    removed[rule] = (await deps.db.query(sql, [new Date(now - days * DAY_MS)])).rowCount;
  }
  return removed;
}

export function createTableRetention(
  deps: RetentionDeps & { log: Logger },
  everyMs = 60 * 60 * 1000,
): Service {
  return createPeriodicTask(
    'table-retention',
    everyMs,
    async () => {
      const removed = await cleanTablesOnce(deps);
      if (Object.values(removed).some((n) => n > 0))
        deps.log.info({ removed }, 'retention: old rows removed');
    },
    deps.log,
  );
}
