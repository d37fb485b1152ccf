// The followup outbox: the decisions an ingest batch leaves for after its commit (assignment,
// bots, media downloads) are written as one row in the batch's own transaction, then carried out
// at least once. The writing worker runs them at once (the fast path, in its lane); a worker that
// dies first leaves the row, and any worker's sweep claims it once its lease has run out. Claims
// use SKIP LOCKED plus a lease in `run_after`, so two workers never run one row at the same time
// and a claimer that dies gives the row back by simply not finishing.
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/registry.ts';
import type { Db, Queryable } from '../store/db.ts';
import type { AfterCommit, PersistHook } from './persist-hook.ts';

/** How long a writer or claimer owns a row before another worker may take it. */
export const FOLLOWUP_LEASE_MS = 30_000;
export const FOLLOWUP_MAX_ATTEMPTS = 10;

export interface Followup {
  id: number;
  tenantId: string;
  work: AfterCommit;
  done: string[];
  attempts: number;
}

/** Writes a batch's followup inside its transaction; null when the batch leaves nothing to do. */
export async function recordFollowup(
  q: Queryable,
  tenantId: string,
  work: AfterCommit,
  leaseMs = FOLLOWUP_LEASE_MS,
): Promise<Followup | null> {
  if (work.newMessages.length === 0) return null;
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO followups (tenant_id, payload, run_after)
     VALUES ($1, $2, now() + $3 * interval '1 millisecond') RETURNING id`,
    [tenantId, JSON.stringify(work), leaseMs],
  );
  return { id: rows[0]!.id, tenantId, work, done: [], attempts: 0 };
}

/** Exponential back-off between attempts, 1 s doubling up to 5 minutes. */
export const followupBackoffMs = (attempts: number): number => Math.min(300_000, 1000 * 2 ** attempts);

export interface FollowupsOptions {
  db: Db;
  hooks: readonly PersistHook[];
  log: Logger;
  metrics?: Metrics;
  leaseMs?: number;
  maxAttempts?: number;
}

export interface Followups {
  /** Runs the hooks a followup still needs, then deletes it, or schedules a retry (or parks it). */
  run(f: Followup): Promise<'done' | 'retry' | 'parked'>;
  /** Claims due followups (a dead worker's, or retries) and runs them; answers how many it ran. */
  sweep(limit?: number): Promise<number>;
}

interface Row {
  id: number;
  tenant_id: string;
  payload: AfterCommit;
  done: string[];
  attempts: number;
}

export function createFollowups(opts: FollowupsOptions): Followups {
  const { db, log } = opts;
  const leaseMs = opts.leaseMs ?? FOLLOWUP_LEASE_MS;
  const maxAttempts = opts.maxAttempts ?? FOLLOWUP_MAX_ATTEMPTS;

  const run: Followups['run'] = async (f) => {
    const done = [...f.done];
    const errors: string[] = [];
    // Every hook gets its turn even when one before it fails: a failing bot hook must not keep a
    // conversation from assignment. Order is kept among those that run.
    for (const hook of opts.hooks) {
      if (done.includes(hook.name)) continue;
      try {
        await hook.afterPersist(f.tenantId, f.work);
        done.push(hook.name);
      } catch (err) {
        errors.push(`${hook.name}: ${(err as Error).message}`);
      }
    }
    if (errors.length === 0) {
      await db.query('DELETE FROM followups WHERE id = $1', [f.id]);
      opts.metrics?.followups.inc({ outcome: 'done' });
      return 'done';
    }
    const attempts = f.attempts + 1;
    const parked = attempts >= maxAttempts;
    await db.query(
      `UPDATE followups SET done = $2, attempts = $3, last_error = $4,
         run_after = now() + $5 * interval '1 millisecond', parked_at = CASE WHEN $6 THEN now() END
       WHERE id = $1`,
      [f.id, done, attempts, errors.join('; '), followupBackoffMs(attempts), parked],
    );
    const context = { followup: f.id, tenantId: f.tenantId, attempts, err: errors.join('; ') };
    if (parked)
      log.error(context, 'followup parked after repeated failures; it stays in the followups table');
    else log.warn(context, 'followup failed, will retry');
    opts.metrics?.followups.inc({ outcome: parked ? 'parked' : 'retry' });
    return parked ? 'parked' : 'retry';
  };

  return {
    run,
    async sweep(limit = 50) {
      const { rows } = await db.query<Row>(
        `UPDATE followups f SET run_after = now() + $2 * interval '1 millisecond'
         WHERE f.id IN (
           SELECT id FROM followups WHERE parked_at IS NULL AND run_after <= now()
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING f.id, f.tenant_id, f.payload, f.done, f.attempts`,
        [limit, leaseMs],
      );
      // Oldest first, as the batches were written.
      rows.sort((a, b) => a.id - b.id);
      for (const r of rows) {
        await run({ id: r.id, tenantId: r.tenant_id, work: r.payload, done: r.done, attempts: r.attempts });
      }
      return rows.length;
    },
  };
}
