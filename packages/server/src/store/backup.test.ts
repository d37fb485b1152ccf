// Backups of the embedded data folder, taken while transactions commit, restore to a consistent
// database with the folder's secrets and media.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDataDir, restoreDataDir } from './backup.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { loadPgliteDump, openPglite } from './pglite.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'parley-backup-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('parley backup and restore (embedded data folder)', { timeout: 300_000 }, () => {
  it('a backup taken while transactions commit restores every migration and whole transactions only', async () => {
    const source = tempDir();
    writeFileSync(join(source, 'secrets.json'), JSON.stringify({ secretKey: 'k'.repeat(64) }));
    mkdirSync(join(source, 'media', 'tenant-1'), { recursive: true });
    writeFileSync(join(source, 'media', 'tenant-1', 'photo'), 'jpeg bytes');
    const db: Db = await openPglite(join(source, 'pgdata'));
    await migrate(db);
    await db.exec('CREATE TABLE backup_probe (batch int NOT NULL, part int NOT NULL)');
    // Each transaction writes two rows: a consistent copy holds both of a batch or neither.
    let writing = true;
    let committed = 0;
    const writer = (async () => {
      for (let batch = 0; writing; batch++) {
        await db.tx(async (q) => {
          await q.query('INSERT INTO backup_probe VALUES ($1, 1)', [batch]);
          await q.query('INSERT INTO backup_probe VALUES ($1, 2)', [batch]);
        });
        committed = batch + 1;
      }
    })();
    while (committed < 5) await new Promise((r) => setTimeout(r, 20));
    const file = join(tempDir(), 'nested', 'parley.backup');
    const result = await backupDataDir(db, source, file);
    const atBackup = committed;
    writing = false;
    await writer;
    await db.close();
    expect(result.bytes).toBeGreaterThan(0);

    const target = tempDir();
    const restored = await restoreDataDir(file, target, { load: loadPgliteDump });
    expect(restored.kept).toBeNull();
    expect(JSON.parse(readFileSync(join(target, 'secrets.json'), 'utf8'))).toEqual({
      secretKey: 'k'.repeat(64),
    });
    expect(readFileSync(join(target, 'media', 'tenant-1', 'photo'), 'utf8')).toBe('jpeg bytes');

    const copy = await openPglite(join(target, 'pgdata'));
    try {
      expect((await migrate(copy)).applied).toEqual([]);
      const { rows } = await copy.query<{ batch: number; parts: number }>(
        'SELECT batch, count(*)::int AS parts FROM backup_probe GROUP BY batch ORDER BY batch',
      );
      expect(rows.every((r) => r.parts === 2)).toBe(true);
      // Everything committed before the backup began is in it; nothing past the last batch written.
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.length).toBeLessThanOrEqual(atBackup + 1);
      expect(rows.map((r) => r.batch)).toEqual(rows.map((_, i) => i));
    } finally {
      await copy.close();
    }
  });

  it('refuses to restore over a database unless forced, and then keeps the old one beside it', async () => {
    const source = tempDir();
    const db = await openPglite(join(source, 'pgdata'));
    await db.exec('CREATE TABLE marker (v text)');
    await db.query("INSERT INTO marker VALUES ('from backup')");
    const file = join(tempDir(), 'b.tar.gz');
    await backupDataDir(db, source, file);
    await db.close();

    const target = tempDir();
    const other = await openPglite(join(target, 'pgdata'));
    await other.close();
    await expect(restoreDataDir(file, target, { load: loadPgliteDump })).rejects.toThrow(/--force/);
    const { kept } = await restoreDataDir(file, target, { force: true, load: loadPgliteDump });
    expect(kept).toMatch(/pgdata\.before-restore-\d+$/);
    const copy = await openPglite(join(target, 'pgdata'));
    expect((await copy.query<{ v: string }>('SELECT v FROM marker')).rows).toEqual([{ v: 'from backup' }]);
    await copy.close();
  });

  it('says what to use instead on PostgreSQL, and refuses a file that is not a backup', async () => {
    const pg = { kind: 'postgres' } as unknown as Db;
    await expect(backupDataDir(pg, tempDir(), join(tempDir(), 'x'))).rejects.toThrow(/pg_dump/);
    const bogus = join(tempDir(), 'not-a-backup.tar.gz');
    const { create } = await import('tar');
    const src = tempDir();
    writeFileSync(join(src, 'hello.txt'), 'hi');
    await create({ gzip: true, file: bogus, cwd: src }, ['hello.txt']);
    await expect(restoreDataDir(bogus, tempDir(), { load: loadPgliteDump })).rejects.toThrow(
      /not a parley backup/,
    );
  });
});
