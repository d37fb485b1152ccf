// The setup every database contract suite shares: the adapter's database opened and migrated
// before the suite's tests, closed (and its teardown run) after them.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';

export type OpenDb = () => Promise<{ db: Db; teardown?: () => Promise<void> }>;

/** Registers the hooks in the calling describe block; `use` receives the database once migrated. */
export function useMigratedDb(open: OpenDb, use: (db: Db) => void): void {
  let opened: Awaited<ReturnType<OpenDb>> | undefined;
  beforeAll(async () => {
    opened = await open();
    await migrate(opened.db);
    use(opened.db);
  });
  afterAll(async () => {
    await opened?.db.close();
    await opened?.teardown?.();
  });
}
