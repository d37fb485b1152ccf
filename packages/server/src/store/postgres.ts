import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db.ts';
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

/** PostgreSQL through a pool. Connects once at open so a wrong URL fails at start, not later. */
export async function openPostgres(url: string, max = 10): Promise<PostgresDb> {
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout, and the query
    // that needs it reports the failure to its caller.
  });
  const probe = await pool.connect();
  probe.release();
  const base = wrap(pool);
  return {
    kind: 'postgres',
    pool,
    url,
    query: base.query,
    async tx(fn) {
      const client = await pool.connect();
      let out: Awaited<ReturnType<typeof fn>>;
      try {
        await client.query('BEGIN');
        out = await fn(wrap(client));
        await client.query('COMMIT');
      } catch (err) {
        // A failed ROLLBACK means the connection is broken: destroy it rather than pool it.
        const broken = await client.query('ROLLBACK').then(
          () => undefined,
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        );
        client.release(broken);
        throw err;
      }
      client.release();
      return out;
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
