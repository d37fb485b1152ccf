import type { Queryable } from '../store/db.ts';
import type { NewEntry } from './event-log.ts';

// An entity's version is the seq of the entry that last changed it, so it only grows and a client
// can drop an update older than what it holds.
const TABLE: Record<string, string> = {
  conversation: 'conversations',
  message: 'messages',
  note: 'notes',
  contact: 'contacts',
  agent: 'agents',
};

export async function stampVersions(
  q: Queryable,
  entries: readonly NewEntry[],
  seqs: readonly number[],
): Promise<void> {
  const latest = new Map<string, { table: string; id: string; seq: number }>();
  entries.forEach((e, i) => {
    const table = TABLE[e.type.split('.')[0]!];
    if (table) latest.set(`${table}:${e.entityId}`, { table, id: e.entityId, seq: seqs[i]! });
  });
  const byTable = new Map<string, { id: string; seq: number }[]>();
  for (const v of latest.values()) byTable.set(v.table, [...(byTable.get(v.table) ?? []), v]);
  for (const [table, rows] of byTable) {
    await q.query(
      `UPDATE ${table} t SET version = v.seq FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, seq bigint) WHERE t.id = v.id`,
      [JSON.stringify(rows)],
    );
  }
}
