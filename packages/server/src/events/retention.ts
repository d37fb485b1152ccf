// Retention of the event log: entries older than PARLEY_EVENT_RETENTION_DAYS are pruned, and
// tenant_counters.pruned_through tells /api/v1/sync which cursors must re-snapshot (410). Runs in
// every realtime node; an advisory lock lets one node prune while the others skip that round.
import type { Logger } from '../log/logger.ts';
import type { Service } from '../services/service.ts';
import type { Db } from '../store/db.ts';
import { pruneEntries } from './event-log.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_LOCK = 7337005;

export interface RetentionOptions {
  db: Db;
  log: Logger;
  retentionDays: number;
  everyMs?: number;
  /** The first round, soon after start, so frequent restarts do not postpone pruning forever. */
  firstAfterMs?: number;
  now?: () => number;
}

/** One pruning round; answers how many entries went, or null when another node holds the lock. */
export function pruneOnce(db: Db, retentionDays: number, now = Date.now()): Promise<number | null> {
  return db.tx(async (q) => {
    const { rows } = await q.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
      PRUNE_LOCK,
    ]);
    if (!rows[0]?.locked) return null;
    return pruneEntries(q, new Date(now - retentionDays * DAY_MS));
  });
}

export function createRetention(opts: RetentionOptions): Service {
  const timers: NodeJS.Timeout[] = [];
  let round: Promise<void> = Promise.resolve();
  const run = () => {
    round = pruneOnce(opts.db, opts.retentionDays, (opts.now ?? Date.now)()).then(
      (n) => {
        if (n) opts.log.info({ pruned: n, retentionDays: opts.retentionDays }, 'event log pruned');
      },
      (err: unknown) =>
        opts.log.warn({ err: (err as Error).message }, 'event log pruning failed; next round retries'),
    );
  };
  return {
    name: 'retention',
    async start() {
      timers.push(
        setTimeout(run, opts.firstAfterMs ?? 60_000),
        setInterval(run, opts.everyMs ?? 60 * 60 * 1000),
      );
      for (const t of timers) t.unref();
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      await round;
    },
  };
}
