import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite.ts';

describe('the embedded data folder', () => {
  it('is readable by this user only: folders 0700, files 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'parley-perm-'));
    const dir = join(parent, 'data');
    try {
      const db = await openPglite(dir);
      await db.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1);');
      await db.close();
      const modes: { path: string; mode: number; dir: boolean }[] = [];
      const walk = (d: string) => {
        modes.push({ path: d, mode: statSync(d).mode & 0o777, dir: true });
        for (const e of readdirSync(d, { withFileTypes: true })) {
          const p = join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.isFile()) modes.push({ path: p, mode: statSync(p).mode & 0o777, dir: false });
        }
      };
      walk(dir);
      expect(modes.length).toBeGreaterThan(10);
      for (const m of modes) expect(m.mode & 0o077, `${m.path} ${m.mode.toString(8)}`).toBe(0);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
