// Runs a change and its event-log entries in one transaction, then wakes the relays. The wake-up
// is a hint sent after commit: a relay that misses it catches up on its next sweep.
import type { PubSub } from '../pubsub/port.ts';
import type { Db, Queryable } from '../store/db.ts';
import { appendEntries, type NewEntry, type StoredEntry } from './event-log.ts';

export const logChannel = (prefix: string): string => `${prefix}_log`;

/** "Tenant T's log moved to seq N", with the entries themselves when they are small. */
export interface WakeUp {
  tenantId: string;
  seq: number;
  entries?: StoredEntry[];
}

// A relay that gets the entries and holds the seq just before them sends them without reading the
// log: one read saved per node per commit, and its latency (the single PGlite connection is busy
// under load). Anything else — a gap, a message past what the pub/sub carries — reads the log.
export function wakeMessage(tenantId: string, seq: number, entries: StoredEntry[], maxBytes: number): string {
  const full = JSON.stringify({ tenantId, seq, entries } satisfies WakeUp);
  // Bytes, not characters: NOTIFY's limit is in bytes, and text in any script can be in `data`.
  return Buffer.byteLength(full) <= maxBytes ? full : JSON.stringify({ tenantId, seq } satisfies WakeUp);
}

const storedEntries = (
  tenantId: string,
  entries: NewEntry[],
  seqs: number[],
  committedAt: string,
): StoredEntry[] =>
  entries.map((e, i) => ({
    tenantId,
    seq: seqs[i]!,
    type: e.type,
    entityId: e.entityId,
    version: seqs[i]!,
    data: e.data,
    scope: {
      channelId: e.scope?.channelId ?? null,
      agentId: e.scope?.agentId ?? null,
      teamId: e.scope?.teamId ?? null,
      extraAgentId: e.scope?.extraAgentId ?? null,
      extraTeamId: e.scope?.extraTeamId ?? null,
    },
    committedAt,
  }));

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
  let logged: NewEntry[] = [];
  let committedAt = '';
  const result = await db.tx(async (q) => {
    const { value, entries } = await change(q);
    logged = entries;
    await inTx?.(q);
    const appended = await appendEntries(q, tenantId, entries, { stampVersions: true });
    committedAt = appended.committedAt;
    return { value, seqs: appended.seqs };
  });
  const last = result.seqs.at(-1);
  if (last !== undefined)
    await pubsub.publish(
      logChannel(prefix),
      wakeMessage(
        tenantId,
        last,
        storedEntries(tenantId, logged, result.seqs, committedAt),
        pubsub.maxMessageBytes,
      ),
    );
  return result;
}
