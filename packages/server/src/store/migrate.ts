// The schema migrations: SQL files applied in name order, each in a transaction of its own with its
// row in schema_migrations, so a failed migration leaves the database at the one before it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../server-files.ts';
import type { Db } from './db.ts';

// Any constant works; it only has to be the same for every Parley process.
const MIGRATION_LOCK = 7_337_001;

export interface MigrationResult {
  applied: string[];
  current: string | null;
}

export interface MigrateOptions {
  /** Apply migrations up to and including this file name only (upgrade tests; pinning a version). */
  upTo?: string;
}

export const migrationFiles = (): string[] =>
  readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();

/**
 * Applies pending migrations in name order. Each runs whole (the database's own multi-statement
 * exec, no splitting of SQL here) in its own transaction, which first takes an advisory lock and
 * checks again that the file is pending: processes starting together apply each file once.
 */
export async function migrate(db: Db, opts: MigrateOptions = {}): Promise<MigrationResult> {
  const files = migrationFiles().filter((f) => opts.upTo === undefined || f <= opts.upTo);
  // Under the lock too: two CREATE TABLE IF NOT EXISTS at once can both try to create it.
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await q.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  const done = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    const ran = await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const already = await q.query('SELECT 1 FROM schema_migrations WHERE name = $1', [file]);
      if (already.rowCount > 0) return false;
      await q.exec(sql);
      await q.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      return true;
    });
    if (ran) applied.push(file);
  }
  return { applied, current: files.at(-1) ?? null };
}
