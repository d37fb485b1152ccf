import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../admin/accounts.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import { appendEntries, readEntries } from './event-log.ts';
import { readEntriesFast } from './read-entries-fast.ts';

describe('readEntriesFast', () => {
  let db: Db;
  let tenantId: string;
  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
    tenantId = (await db.tx((q) => createTenant(q, 'fast'))).id;
    await db.tx((q) =>
      appendEntries(
        q,
        tenantId,
        Array.from({ length: 30 }, (_, i) => ({
          type: 'conversation.updated' as const,
          entityId: `c${i}`,
          data: { labels: [`l${i}`], nested: { a: i, b: null }, text: 'ünïcødé "quoted"' },
          scope: i % 2 ? { channelId: '00000000-0000-4000-8000-000000000001' } : {},
        })),
      ),
    );
  }, 180_000);
  afterAll(() => db.close());

  it('gives exactly what readEntries gives, page by page', async () => {
    for (const [cursor, limit] of [
      [0, 10],
      [7, 5],
      [25, 10],
      [30, 10],
    ] as const) {
      expect(await readEntriesFast(db, tenantId, cursor, limit)).toEqual(
        await readEntries(db, tenantId, cursor, limit),
      );
    }
  });
});
