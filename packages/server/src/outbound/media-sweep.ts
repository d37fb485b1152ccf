// The safety net under media-hook.ts: the download job of a customer's file is queued after the
// ingest batch commits, outside its transaction, so a failed append (queue down, process killed
// in between) leaves a message whose file is never fetched. This sweep finds customers' media
// messages with no file and no "unavailable" after a grace period and queues their download again.
// Queuing twice is harmless: the download job does nothing for a message that has its file, and of
// two running at once only one records it (the unique inbound media key). media_requeues spaces
// the sweep's attempts per message and stops after a few, and decides, across processes, which
// sweep queues a message.
import type { Logger } from '../log/logger.ts';
import type { IngestQueue } from '../queue/port.ts';
import { createPeriodicTask } from '../services/periodic-task.ts';
import type { Service } from '../services/service.ts';
import type { Db } from '../store/db.ts';
import { enqueue, mediaJob } from './outbound-jobs.ts';
import { MEDIA_KINDS } from './send-request.ts';

export interface MediaSweepDeps {
  db: Db;
  queue: IngestQueue;
  log: Logger;
}

export interface MediaSweepOptions {
  /** A message younger than this is left to the job queued at ingest; default 1 minute. */
  graceMs?: number;
  /** Messages queued again in one run at most, oldest first; default 100. */
  limit?: number;
  /** How long after queuing a message again the sweep may queue it once more; default 10 minutes. */
  retryAfterMs?: number;
  /** How many times the sweep queues one message at most; default 3. */
  maxTimes?: number;
}

/** Queues the download of customers' files that were never fetched; returns how many it queued. */
export async function requeueMissingMedia(
  deps: MediaSweepDeps,
  opts: MediaSweepOptions = {},
): Promise<number> {
  const { rows } = await deps.db.query<{ id: string; tenant_id: string; conversation_id: string }>(
    `WITH due AS (
       SELECT m.id, m.tenant_id, m.conversation_id, m.created_at FROM messages m
       WHERE m.direction = 'in' AND m.kind = ANY($5::text[]) AND NOT (m.body ? 'media') AND m.body ? 'mediaId'
         AND m.created_at < now() - $1 * interval '1 millisecond'
         AND NOT EXISTS (SELECT 1 FROM media x WHERE x.tenant_id = m.tenant_id AND x.message_id = m.id AND x.direction = 'in')
         AND NOT EXISTS (SELECT 1 FROM media_requeues r WHERE r.message_id = m.id
                         AND (r.queued_at > now() - $2 * interval '1 millisecond' OR r.times >= $3))
       ORDER BY m.created_at LIMIT $4
     ), claimed AS (
       INSERT INTO media_requeues (message_id, tenant_id) SELECT id, tenant_id FROM due
       ON CONFLICT (message_id) DO UPDATE SET times = media_requeues.times + 1, queued_at = now()
       WHERE media_requeues.queued_at <= now() - $2 * interval '1 millisecond' AND media_requeues.times < $3
       RETURNING message_id
     )
     SELECT d.id, d.tenant_id, d.conversation_id FROM due d JOIN claimed c ON c.message_id = d.id
     ORDER BY d.created_at`,
    [
      opts.graceMs ?? 60_000,
      opts.retryAfterMs ?? 10 * 60_000,
      opts.maxTimes ?? 3,
      opts.limit ?? 100,
      [...MEDIA_KINDS],
    ],
  );
  await enqueue(
    deps.queue,
    rows.map((r) => mediaJob(r.tenant_id, r.conversation_id, r.id)),
  );
  return rows.length;
}

/** The worker's media sweep, every `intervalMs` (default 1 minute). */
export function createMediaSweep(
  deps: MediaSweepDeps,
  opts: MediaSweepOptions & { intervalMs?: number } = {},
): Service {
  return createPeriodicTask(
    'media-sweep',
    opts.intervalMs ?? 60_000,
    async () => {
      const n = await requeueMissingMedia(deps, opts);
      if (n > 0)
        deps.log.warn({ count: n }, 'media-sweep: downloads never queued at ingest were queued again');
    },
    deps.log,
  );
}
