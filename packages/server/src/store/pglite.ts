import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

/** chmod 0700 on folders and 0600 on files, recursively. */
export function restrictTree(dir: string): void {
  chmodSync(dir, 0o700);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) restrictTree(path);
    else if (e.isFile()) chmodSync(path, 0o600);
  }
}

/** PGlite: real PostgreSQL compiled to WASM, data in a folder (or in memory when dir is null). */
export async function openPglite(dir: string | null): Promise<Db> {
  if (dir) {
    // PGlite writes its files 0666 under the default umask: the data is the tenants' conversations,
    // so this process creates files for its user only (0700 folders, 0600 files), and what an
    // earlier version left open is closed too.
    process.umask(0o077);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    restrictTree(dir);
  }
  // btree_gist backs the appointments' exclusion constraint (one booking per staff member and time).
  const pg = await PGlite.create(dir ?? undefined, {
    parsers: { [INT8_OID]: (v: string) => Number(v) },
    extensions: { btree_gist },
  });
  // PGlite sets 0666 on the files it creates whatever the umask: close them after opening, and
  // again on close for files made since (the 0700 folder already keeps other users out).
  if (dir) restrictTree(dir);
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
    close: async () => {
      await pg.close();
      if (dir) restrictTree(dir);
    },
  };
}

/** Makes the folder `dir` (absent or empty) a database from a dump of dumpDataDir (restores). */
export async function loadPgliteDump(dir: string, dump: Blob): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir, { loadDataDir: dump, extensions: { btree_gist } });
  await pg.close();
}
