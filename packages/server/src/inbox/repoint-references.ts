// When a merge removes a conversation or a contact, rows of other features that point at it
// (outbound sends, media, appointments, …) must follow it to the row that is kept, or a foreign
// key's ON DELETE would take them away. The references are read from the catalogue, so a table
// added by a later migration is covered without a change here. A column that is part of a unique
// key holds per-entity state (a read cursor, a bot session, a waiting-list place): it cannot be
// moved without a collision, and goes with the removed row.
import type { Queryable } from '../store/db.ts';

interface Reference {
  tbl: string;
  col: string;
}

export async function repointReferences(
  q: Queryable,
  target: 'conversations' | 'contacts',
  fromId: string,
  toId: string,
): Promise<Reference[]> {
  const { rows } = await q.query<Reference>(
    // A key is (tenant_id, x) → (tenant_id, id) (020_tenant_keys.sql): the column to move is the one
    // paired with the target's id.
    `SELECT c.conrelid::regclass::text AS tbl, quote_ident(a.attname) AS col
     FROM pg_constraint c
     CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k (child, parent)
     JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = k.parent AND p.attname = 'id'
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.child
     WHERE c.contype = 'f' AND c.confrelid = $1::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indisunique AND a.attnum = ANY (i.indkey))
     ORDER BY 1, 2`,
    [target],
  );
  for (const r of rows) {
    // Identifiers come from the catalogue (regclass text and quote_ident), never from input.
    await q.query(`UPDATE ${r.tbl} SET ${r.col} = $2 WHERE ${r.col} = $1`, [fromId, toId]);
  }
  return rows;
}
