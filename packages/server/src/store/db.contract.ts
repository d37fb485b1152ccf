// One contract suite that both database adapters pass (PGlite, PostgreSQL): the SQL features and
// transaction behaviour the rest of Parley relies on.
import { describe, expect, it } from 'vitest';
import { useMigratedDb } from '../test-support/migrated-db.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';

export function dbContract(
  adapter: string,
  open: () => Promise<{ db: Db; teardown?: () => Promise<void> }>,
): void {
  describe(`Db contract: ${adapter}`, () => {
    let db: Db;
    useMigratedDb(open, (opened) => {
      db = opened;
    });

    it('migrates once: a second run applies nothing', async () => {
      expect((await migrate(db)).applied).toEqual([]);
    });

    it('returns int8 as numbers, timestamps as Dates, arrays and jsonb as values', async () => {
      const { rows } = await db.query<{ n: number; t: Date; a: string[]; j: { x: number } }>(
        `SELECT 9007199254740::int8 AS n, now() AS t, ARRAY['a','b'] AS a, '{"x":1}'::jsonb AS j`,
      );
      expect(rows[0]).toMatchObject({ n: 9007199254740, a: ['a', 'b'], j: { x: 1 } });
      expect(rows[0]?.t).toBeInstanceOf(Date);
    });

    it('commits a transaction whose function resolves', async () => {
      await db.tx(async (q) => {
        await q.query("INSERT INTO instance_settings (key, value) VALUES ('c1', 'v')");
      });
      expect((await db.query("SELECT value FROM instance_settings WHERE key = 'c1'")).rows).toHaveLength(1);
    });

    it('rolls back everything when the function throws, and rethrows', async () => {
      await expect(
        db.tx(async (q) => {
          await q.query("INSERT INTO instance_settings (key, value) VALUES ('c2', 'v')");
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await db.query("SELECT 1 FROM instance_settings WHERE key = 'c2'")).rows).toHaveLength(0);
    });

    it('enforces unique constraints so ON CONFLICT DO NOTHING inserts once', async () => {
      const insert = () =>
        db.query(
          "INSERT INTO instance_settings (key, value) VALUES ('once', 'v') ON CONFLICT DO NOTHING RETURNING key",
        );
      expect((await insert()).rowCount).toBe(1);
      expect((await insert()).rowCount).toBe(0);
    });

    it('reports affected rows of updates', async () => {
      await db.query("INSERT INTO instance_settings (key, value) VALUES ('u1', 'a'), ('u2', 'a')");
      const res = await db.query("UPDATE instance_settings SET value = 'b' WHERE key IN ('u1', 'u2')");
      expect(res.rowCount).toBe(2);
    });
  });
}
