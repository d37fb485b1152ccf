// Commits a send (or a Retry) and its job. With a table queue (embedded, PostgreSQL) the job is
// appended in the same transaction, so a committed send always has its job and the API call costs
// one transaction; with Redis it is appended right after commit (a lost append leaves the send
// pending until the client retries with the same clientId, which appends it again).
import type { AppContext } from '../app-context.ts';
import { type Committed, commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import type { SqlQueue } from '../queue/embedded.ts';
import type { Queryable } from '../store/db.ts';
import type { Inserted } from './insert-send.ts';
import { enqueue } from './outbound-jobs.ts';

export async function commitSend(
  ctx: Pick<AppContext, 'db' | 'pubsub' | 'prefix' | 'outbound'>,
  tenantId: string,
  change: (q: Queryable) => Promise<{ value: Inserted; entries: NewEntry[] }>,
): Promise<Committed<Inserted>> {
  const sql = 'appendIn' in ctx.outbound ? (ctx.outbound as SqlQueue) : null;
  let job: Inserted['enqueue'] = null;
  const committed = await commitChanges(
    ctx.db,
    ctx.pubsub,
    ctx.prefix,
    tenantId,
    async (q) => {
      const r = await change(q);
      job = r.value.enqueue;
      return r;
    },
    sql
      ? async (q) => {
          if (job) await sql.appendIn(q, [job]);
        }
      : undefined,
  );
  if (job) await (sql ? sql.wake() : enqueue(ctx.outbound, [job]));
  return committed;
}
