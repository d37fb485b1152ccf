import type { Db, Queryable } from './db.ts';

/**
 * Reads rows and the tenant's log head in one REPEATABLE READ snapshot, so the cursor a snapshot
 * answers with is exactly the last entry its rows reflect: live events after it apply without a
 * gap or a double.
 */
export function readSnapshot<T>(
  db: Db,
  tenantId: string,
  read: (q: Queryable) => Promise<T>,
): Promise<{ value: T; cursor: number }> {
  return db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const head = await q.query<{ seq: number }>('SELECT seq FROM tenant_counters WHERE tenant_id = $1', [
      tenantId,
    ]);
    const value = await read(q);
    return { value, cursor: head.rows[0]?.seq ?? 0 };
  });
}
