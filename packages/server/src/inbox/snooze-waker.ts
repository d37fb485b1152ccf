// A snoozed conversation opens again when its time comes. Every worker node runs this; rows are
// claimed with SKIP LOCKED, so nodes never wake one conversation twice, and each wake-up commits
// with its conversation.updated entry like any other change.
import { commitChanges } from '../events/commit-changes.ts';
import type { Logger } from '../log/logger.ts';
import type { PubSub } from '../pubsub/port.ts';
import { createPeriodicTask } from '../services/periodic-task.ts';
import type { Service } from '../services/service.ts';
import type { Db } from '../store/db.ts';

export interface SnoozeWakerDeps {
  db: Db;
  pubsub: PubSub;
  prefix: string;
  log: Logger;
}

const BATCH = 500;

/** Opens every conversation whose snooze has ended; returns how many. */
export async function wakeSnoozed(deps: Omit<SnoozeWakerDeps, 'log'>): Promise<number> {
  const { rows: tenants } = await deps.db.query<{ tenant_id: string }>(
    `SELECT DISTINCT tenant_id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= now()`,
  );
  let woken = 0;
  for (const { tenant_id: tenantId } of tenants) {
    for (;;) {
      const { value: n } = await commitChanges(deps.db, deps.pubsub, deps.prefix, tenantId, async (q) => {
        const { rows } = await q.query<{
          id: string;
          channel_id: string;
          assignee_id: string | null;
          team_id: string | null;
        }>(
          `UPDATE conversations c SET status = 'open', snoozed_until = NULL, updated_at = now()
           WHERE c.id IN (SELECT id FROM conversations WHERE tenant_id = $1 AND status = 'snoozed' AND snoozed_until <= now()
                          ORDER BY snoozed_until LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
           RETURNING c.id, c.channel_id, c.assignee_id, c.team_id`,
          [tenantId],
        );
        return {
          value: rows.length,
          entries: rows.map((r) => ({
            type: 'conversation.updated' as const,
            entityId: r.id,
            data: { status: 'open', snoozedUntil: null },
            scope: { channelId: r.channel_id, agentId: r.assignee_id, teamId: r.team_id },
          })),
        };
      });
      woken += n;
      if (n < BATCH) break;
    }
  }
  return woken;
}

export function createSnoozeWaker(deps: SnoozeWakerDeps, everyMs = 15_000): Service {
  return createPeriodicTask(
    'snooze-waker',
    everyMs,
    async () => {
      try {
        const n = await wakeSnoozed(deps);
        if (n > 0) deps.log.info({ woken: n }, 'snoozed conversations opened again');
      } catch (err) {
        deps.log.warn({ err: (err as Error).message }, 'snooze waker: will try again on the next tick');
      }
    },
    deps.log,
  );
}
