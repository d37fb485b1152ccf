import { mkdirSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Db, Queryable, QueryResult } from './db.ts';
import { INT8_OID } from './db.ts';

type PgliteLike = Pick<PGlite, 'query'>;

const wrap = (q: PgliteLike): Queryable => ({
  async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    const res = await q.query<R>(sql, params as unknown[]);
    // PGlite runs each query synchronously on this thread and resolves through microtasks only, so
    // a worker chaining queries never let the event loop poll its sockets: the gateway's requests
    // sat unread until the worker went idle (50 webhooks/s). One turn after each query lets them in.
    await nextTurn();
    return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
  },
});

/** PGlite: real PostgreSQL compiled to WASM, data in a folder (or in memory when dir is null). */
export async function openPglite(dir: string | null): Promise<Db> {
  if (dir) mkdirSync(dir, { recursive: true });
  // btree_gist backs the appointments' exclusion constraint (one booking per staff member and time).
  const pg = await PGlite.create(dir ?? undefined, {
    parsers: { [INT8_OID]: (v: string) => Number(v) },
    extensions: { btree_gist },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    tx: (fn) =>
      pg.transaction((t) =>
        fn({
          ...wrap(t),
          exec: async (sql) => {
            await t.exec(sql);
          },
        }),
      ),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    dumpDataDir: () => pg.dumpDataDir('gzip'),
    close: () => pg.close(),
  };
}

/** Makes the folder `dir` (absent or empty) a database from a dump of dumpDataDir (restores). */
export async function loadPgliteDump(dir: string, dump: Blob): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir, { loadDataDir: dump, extensions: { btree_gist } });
  await pg.close();
}
