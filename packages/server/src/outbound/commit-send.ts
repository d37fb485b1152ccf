// Commits a send (or a Retry) and its job. With a table queue (embedded, PostgreSQL) the job is
// appended in the same transaction, so a committed send always has its job and the API call costs
// one transaction; with Redis it is appended right after commit. An append that fails there (Redis
// down, or the process dies first) leaves the send stored without its job: the answer says so
// (`queued: false`), and the send sweep (send-sweep.ts) queues it once the queue answers again.
import { MessageSchema } from '@parley/sync';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { type Committed, commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import type { SqlQueue } from '../queue/embedded.ts';
import type { Queryable } from '../store/db.ts';
import type { Inserted } from './insert-send.ts';
import { enqueue } from './outbound-jobs.ts';
import { markEnqueued } from './send-sweep.ts';

export interface CommittedSend extends Committed<Inserted> {
  /** False when the send is stored but its job could not be queued yet (the sweep will). */
  queued: boolean;
}

/** The 202 of a send and of a Retry: the stored message, and whether its job is queued yet. */
export const SendAnswerSchema = z.object({
  message: MessageSchema,
  queued: z.boolean(),
  notice: z.string().optional(),
});

export const NOT_QUEUED_NOTICE =
  'The message is saved but the send queue did not answer: Parley will queue it by itself within a minute or two';

export async function commitSend(
  ctx: Pick<AppContext, 'db' | 'pubsub' | 'prefix' | 'outbound' | 'log'>,
  tenantId: string,
  change: (q: Queryable) => Promise<{ value: Inserted; entries: NewEntry[] }>,
): Promise<CommittedSend> {
  const sql = 'appendIn' in ctx.outbound ? (ctx.outbound as SqlQueue) : null;
  let job: Inserted['enqueue'] = null;
  let attempt = 0;
  let messageId = '';
  const committed = await commitChanges(
    ctx.db,
    ctx.pubsub,
    ctx.prefix,
    tenantId,
    async (q) => {
      const r = await change(q);
      job = r.value.enqueue;
      attempt = r.value.attempt;
      messageId = r.value.message.id;
      return r;
    },
    sql
      ? async (q) => {
          if (!job) return;
          await sql.appendIn(q, [job]);
          await markEnqueued(q, messageId, attempt);
        }
      : undefined,
  );
  if (!job) return { ...committed, queued: true };
  if (sql) {
    await sql.wake();
    return { ...committed, queued: true };
  }
  try {
    await enqueue(ctx.outbound, [job]);
  } catch (err) {
    ctx.log.warn(
      { err: (err as Error).message, message: messageId },
      'outbound: send stored but not queued (queue unreachable); the send sweep will queue it',
    );
    return { ...committed, queued: false };
  }
  // If this write is lost the sweep appends a spare job, which does nothing.
  await markEnqueued(ctx.db, messageId, attempt).catch((err: unknown) =>
    ctx.log.warn(
      { err: (err as Error).message, message: messageId },
      'outbound: could not note the send as queued',
    ),
  );
  return { ...committed, queued: true };
}
