// Runs a change and its event-log entries in one transaction, then wakes the relays. The wake-up
// is a hint sent after commit: a relay that misses it catches up on its next sweep.
import type { PubSub } from '../pubsub/port.ts';
import type { Db, Queryable } from '../store/db.ts';
import { appendEntries, type NewEntry } from './event-log.ts';
import { stampVersions } from './stamp-versions.ts';

export const logChannel = (prefix: string): string => `${prefix}_log`;

export interface Committed<T> {
  value: T;
  seqs: number[];
}

export async function commitChanges<T>(
  db: Db,
  pubsub: PubSub,
  prefix: string,
  tenantId: string,
  change: (q: Queryable) => Promise<{ value: T; entries: NewEntry[] }>,
  inTx?: (q: Queryable) => Promise<void>,
): Promise<Committed<T>> {
  const result = await db.tx(async (q) => {
    const { value, entries } = await change(q);
    await inTx?.(q);
    const seqs = await appendEntries(q, tenantId, entries);
    await stampVersions(q, entries, seqs);
    return { value, seqs };
  });
  const last = result.seqs.at(-1);
  if (last !== undefined) await pubsub.publish(logChannel(prefix), JSON.stringify({ tenantId, seq: last }));
  return result;
}
