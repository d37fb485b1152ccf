import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../admin/accounts.ts';
import { silentLog } from '../realtime/realtime.test-support.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import { appendEntries, headOf, readEntries } from './event-log.ts';
import { createRetention } from './retention.ts';

describe('event log retention', () => {
  let db: Db;
  let tenantId: string;
  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
    tenantId = (await db.tx((q) => createTenant(q, 'retention'))).id;
  }, 180_000);
  afterAll(() => db.close());

  it('prunes entries older than the retention on its own schedule and records how far', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({
      type: 'message.created' as const,
      entityId: `m${i}`,
      data: {},
    }));
    await db.tx((q) => appendEntries(q, tenantId, entries));
    await db.query(
      `UPDATE event_log SET committed_at = now() - interval '8 days' WHERE tenant_id = $1 AND seq <= 3`,
      [tenantId],
    );
    const retention = createRetention({
      db,
      log: silentLog,
      retentionDays: 7,
      firstAfterMs: 1,
      everyMs: 60_000,
    });
    await retention.start();
    for (let i = 0; i < 200 && (await headOf(db, tenantId)).prunedThrough === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    await retention.stop();
    expect(await headOf(db, tenantId)).toEqual({ seq: 5, prunedThrough: 3 });
    expect((await readEntries(db, tenantId, 0, 10)).map((e) => e.seq)).toEqual([4, 5]);
  });
});
