// The database port. Both adapters speak the same SQL (PostgreSQL 15 and PGlite's PostgreSQL 17),
// with parameters as $1..$n so values are never spliced into SQL text.

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

/** A transaction's connection: queries, and several statements at once without parameters (migrations). */
export interface TxQueryable extends Queryable {
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction: committed when fn resolves, rolled back when it throws. On
   * PostgreSQL fn runs again (on a new connection) when the connection died before the commit, so
   * it must keep its state inside, as it must for the deadlock retries of its callers.
   */
  tx<T>(fn: (q: TxQueryable) => Promise<T>): Promise<T>;
  /** Several statements at once, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** The embedded database's files as a gzip tar, taken between two queries (backups; PGlite only). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

/** int8 and numeric come back as JS numbers: our counters stay far below 2^53. */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
