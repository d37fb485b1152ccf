// The safety net under commit-send.ts: with Redis the job of a send is appended after the send
// commits, so an API process that dies in between, or a Redis that does not answer, leaves a stored
// `pending` send that nothing will ever send. Each attempt's ledger row says whether its job is
// known to be queued (enqueued_at); this sweep queues the attempts still without one after a grace
// period. It claims rows by setting enqueued_at in one conditional UPDATE (SKIP LOCKED), so two
// processes never queue the same send, and a send whose job was appended is never doubled; if the
// append fails the claim is given back for the next run. A spare job would be harmless anyway: a
// job for an attempt that is no longer queued does nothing (deliver-send.ts).
import type { Logger } from '../log/logger.ts';
import type { IngestQueue } from '../queue/port.ts';
import { createPeriodicTask } from '../services/periodic-task.ts';
import type { Service } from '../services/service.ts';
import type { Db, Queryable } from '../store/db.ts';
import { enqueue, sendJob } from './outbound-jobs.ts';

export interface SendSweepDeps {
  db: Db;
  queue: IngestQueue;
  log: Logger;
}

export interface SendSweepOptions {
  /** A send queued more recently than this is left to its own append; default 30 s. */
  graceMs?: number;
  /** Sends queued in one run at most, oldest first; default 200. */
  limit?: number;
}

/** Records that an attempt's job is in the queue (after the append, or in its transaction). */
export async function markEnqueued(q: Queryable, messageId: string, attempt: number): Promise<void> {
  await q.query(
    'UPDATE outbound_sends SET enqueued_at = now() WHERE message_id = $1 AND attempt = $2 AND enqueued_at IS NULL',
    [messageId, attempt],
  );
}

/** Queues the jobs of stored sends that have none; returns how many it queued. */
export async function queueOrphanSends(deps: SendSweepDeps, opts: SendSweepOptions = {}): Promise<number> {
  const { rows } = await deps.db.query<{
    message_id: string;
    tenant_id: string;
    conversation_id: string;
    attempt: number;
    claimed: string;
  }>(
    `UPDATE outbound_sends s SET enqueued_at = now()
     FROM (SELECT message_id FROM outbound_sends
           WHERE enqueued_at IS NULL AND state = 'queued' AND queued_at < now() - $1 * interval '1 millisecond'
           ORDER BY queued_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
     WHERE s.message_id = due.message_id AND s.enqueued_at IS NULL
     RETURNING s.message_id, s.tenant_id, s.conversation_id, s.attempt, s.enqueued_at::text AS claimed`,
    [opts.graceMs ?? 30_000, opts.limit ?? 200],
  );
  if (rows.length === 0) return 0;
  try {
    await enqueue(
      deps.queue,
      rows.map((r) => sendJob(r.tenant_id, r.conversation_id, r.message_id, r.attempt)),
    );
  } catch (err) {
    await deps.db.query(
      'UPDATE outbound_sends SET enqueued_at = NULL WHERE message_id = ANY($1::uuid[]) AND enqueued_at = $2::timestamptz',
      [rows.map((r) => r.message_id), rows[0]!.claimed],
    );
    throw err;
  }
  return rows.length;
}

/** The worker's send sweep, every `intervalMs` (default 30 s). */
export function createSendSweep(
  deps: SendSweepDeps,
  opts: SendSweepOptions & { intervalMs?: number } = {},
): Service {
  const intervalMs = opts.intervalMs ?? 30_000;
  return createPeriodicTask(
    'send-sweep',
    intervalMs,
    async () => {
      const n = await queueOrphanSends(deps, { graceMs: intervalMs, ...opts });
      if (n > 0) deps.log.warn({ count: n }, 'send-sweep: stored sends without their job were queued');
    },
    deps.log,
  );
}
