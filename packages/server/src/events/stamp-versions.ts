// An entity's version is the seq of the entry that last changed it, so it only grows and a client
// can drop an update older than what it holds. The stamping runs inside appendEntries' statement,
// once the seqs exist.
const TABLE: Record<string, string> = {
  conversation: 'conversations',
  message: 'messages',
  note: 'notes',
  contact: 'contacts',
  agent: 'agents',
};

/** The table holding the entity an entry of this type changes, if it has a version. */
export const versionTableOf = (type: string): string | null => TABLE[type.split('.')[0]!] ?? null;

// An id that is not a uuid names no row; without this guard its cast would fail the statement.
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * A CTE over `e` (the entries with their seqs) that sets each entity's version to the last seq
 * naming it. `table` comes from TABLE above, never from input, so it is safe to splice in.
 */
export const stampCte = (table: string): string => {
  if (!Object.values(TABLE).includes(table)) throw new Error(`no versioned table ${table}`);
  return `stamp_${table} AS (
       UPDATE ${table} t SET version = v.seq
       FROM (SELECT entity_id::uuid AS id, max(seq) AS seq FROM e
         WHERE stamp = '${table}' AND entity_id ~* '${UUID}' GROUP BY entity_id) v
       WHERE t.id = v.id
     )`;
};
