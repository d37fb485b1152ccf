import pg from 'pg';
import { isConnectionLost, isLostBeforeCommit } from './connection-lost.ts';
import type { Db, Queryable, QueryResult, TxQueryable } from './db.ts';
import { INT8_OID } from './db.ts';

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
};

const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
  async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    const res = await q.query(sql, params as unknown[]);
    return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
  },
});

export interface PostgresDb extends Db {
  readonly pool: pg.Pool;
  readonly url: string;
}

export interface PostgresOptions {
  max?: number;
  /** Told about each connection the pool loses (the pool replaces it on the next checkout). */
  onConnectionError?: (err: Error) => void;
  /** How often a transaction that provably did not commit runs again on a new connection. */
  retries?: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * PostgreSQL through a pool. Connects once at open so a wrong URL fails at start, not later.
 *
 * A lost connection never kills the process: every client the pool makes gets an 'error'
 * listener for its whole life, including while a transaction holds it (node-postgres only listens
 * on idle clients, so an error there was an unhandled 'error' event). A transaction whose
 * connection died before it could commit (the server ended the session, or the client was dead
 * before BEGIN) runs again on a fresh connection, so `tx(fn)` may call fn more than once.
 */
export async function openPostgres(url: string, opts: number | PostgresOptions = {}): Promise<PostgresDb> {
  const o = typeof opts === 'number' ? { max: opts } : opts;
  const pool = new pg.Pool({ connectionString: url, max: o.max ?? 10, types, connectionTimeoutMillis: 5000 });
  const lost = (err: Error) => o.onConnectionError?.(err);
  pool.on('connect', (client) => client.on('error', lost));
  // An idle client lost its connection: the pool drops it, and the query that needs one reports it.
  pool.on('error', lost);
  const probe = await pool.connect();
  probe.release();
  const base = wrap(pool);
  const retries = o.retries ?? 3;

  const attempt = async <T>(fn: (q: TxQueryable) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let out: T;
    try {
      await client.query('BEGIN');
      out = await fn({
        ...wrap(client),
        // Without parameters pg sends the simple query protocol, which takes several statements.
        exec: async (sql) => {
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
    } catch (err) {
      // A failed ROLLBACK means the connection is broken: destroy it rather than pool it.
      const broken = await client.query('ROLLBACK').then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
      );
      client.release(broken ?? (isConnectionLost(err) ? (err as Error) : undefined));
      throw err;
    }
    client.release();
    return out;
  };

  return {
    kind: 'postgres',
    pool,
    url,
    async query<R>(sql: string, params?: readonly unknown[]) {
      for (let i = 0; ; i++) {
        try {
          return await base.query<R>(sql, params);
        } catch (err) {
          // Only when the statement cannot have run: a dead client or a refused session.
          if (i >= retries || !isLostBeforeCommit(err)) throw err;
          await pause(50 * 2 ** i);
        }
      }
    },
    async tx(fn) {
      for (let i = 0; ; i++) {
        try {
          return await attempt(fn);
        } catch (err) {
          if (i >= retries || !isLostBeforeCommit(err)) throw err;
          await pause(50 * 2 ** i);
        }
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
