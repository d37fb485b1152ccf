import { type SyncPage, SyncPageSchema } from '@parley/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitChanges } from '../../events/commit-changes.ts';
import { pruneOnce } from '../../events/retention.ts';
import { createInProcessPubSub } from '../../pubsub/in-process.ts';
import {
  createTestTenant,
  messageEntry,
  startSyncApp,
  type TestTenant,
} from '../../realtime/realtime.test-support.ts';
import type { Db } from '../../store/db.ts';
import { migrate } from '../../store/migrate.ts';
import { openPglite } from '../../store/pglite.ts';
import { readSnapshot } from '../../store/snapshot.ts';

describe('GET /api/v1/sync', () => {
  let db: Db;
  const pubsub = createInProcessPubSub();
  let app: Awaited<ReturnType<typeof startSyncApp>>;
  const sync = (token: string, cursor: number, limit = 500) => app.pull(token, cursor, limit);
  const page = async (token: string, cursor: number, limit = 500): Promise<SyncPage> => {
    const res = await sync(token, cursor, limit);
    expect(res.status).toBe(200);
    return SyncPageSchema.parse(res.body);
  };
  const fresh = () => createTestTenant({ db, pubsub, prefix: 'sync' });

  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
    app = await startSyncApp(db);
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('pages through every entry after the cursor, once each, in order', async () => {
    const t = await fresh();
    const { token } = await t.agent('owner');
    await t.commit(Array.from({ length: 25 }, (_, i) => messageEntry({}, i)));
    const seen: number[] = [];
    let cursor = 1;
    for (;;) {
      const p = await page(token, cursor, 10);
      seen.push(...p.entries.map((e) => e.seq));
      expect(p.cursor).toBe(seen.at(-1) ?? cursor);
      cursor = p.cursor;
      if (!p.hasMore) break;
    }
    expect(seen).toEqual(Array.from({ length: 24 }, (_, i) => i + 2));
    expect(await page(token, cursor)).toEqual({ entries: [], cursor, hasMore: false });
  });

  it('gives an agent { tenantId, seq, type: "hidden" } for what it may not see', async () => {
    const t = await fresh();
    const { token } = await t.agent('agent', [t.channelId]);
    const [first, other, mine] = await t.commit([
      messageEntry({}),
      messageEntry({ channelId: t.otherChannelId }),
      messageEntry({ channelId: t.channelId }),
    ]);
    const p = await page(token, first!);
    expect(p.entries[0]).toEqual({ tenantId: t.tenantId, seq: other, type: 'hidden' });
    expect(p.entries[1]).toMatchObject({ seq: mine, type: 'message.created' });
  });

  it("gives each entry its event_log.committed_at as data.updatedAt (the clients' latency statistics read it)", async () => {
    const t = await fresh();
    const { token } = await t.agent('owner');
    const [first, second] = await t.commit([messageEntry({}), messageEntry({}, 1)]);
    const { rows } = await db.query<{ committed_at: Date }>(
      'SELECT committed_at FROM event_log WHERE tenant_id = $1 AND seq = $2',
      [t.tenantId, second],
    );
    const p = await page(token, first!);
    expect(p.entries).toEqual([
      expect.objectContaining({
        seq: second,
        data: { n: 1, updatedAt: rows[0]!.committed_at.toISOString() },
      }),
    ]);
  });

  it('answers 410 cursor_expired for cursor=0 once the log has entries (load a snapshot)', async () => {
    const t = await fresh();
    const { token } = await t.agent('owner');
    expect(await page(token, 0)).toEqual({ entries: [], cursor: 0, hasMore: false });
    await t.commit([messageEntry({})]);
    const res = await sync(token, 0);
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ error: { code: 'cursor_expired' } });
  });

  it('answers 410 cursor_expired below what retention pruned, and pages on from there', async () => {
    const t = await fresh();
    const { token } = await t.agent('owner');
    const seqs = await t.commit(Array.from({ length: 10 }, (_, i) => messageEntry({}, i)));
    // The first six entries are older than the 30-day retention.
    await db.query(
      `UPDATE event_log SET committed_at = now() - interval '40 days' WHERE tenant_id = $1 AND seq <= $2`,
      [t.tenantId, seqs[5]],
    );
    expect(await pruneOnce(db, 30)).toBeGreaterThanOrEqual(6);
    for (const cursor of [1, 5]) {
      const res = await sync(token, cursor);
      expect(res.status).toBe(410);
      expect(res.body).toEqual({
        error: {
          code: 'cursor_expired',
          message: 'This cursor is older than the retained event log: load a fresh snapshot',
        },
      });
    }
    const p = await page(token, 6);
    expect(p.entries.map((e) => e.seq)).toEqual([7, 8, 9, 10]);
  });

  it('refuses a cursor ahead of the log: it belongs to another tenant or database', async () => {
    const t = await fresh();
    const { token } = await t.agent('owner');
    await t.commit([messageEntry({})]);
    const res = await sync(token, 99);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'validation' } });
  });

  it('refuses a caller with no credentials', async () => {
    expect((await sync('pat_wrong', 1)).status).toBe(401);
  });

  it('a snapshot and a sync from its cursor give exactly the later changes, even with writers racing it', async () => {
    const t: TestTenant = await fresh();
    const { token } = await t.agent('owner');
    const ids = await Promise.all(Array.from({ length: 5 }, () => t.conversation(t.channelId)));
    const label = async (id: string, n: number) => {
      await commitChanges(db, pubsub, 'sync', t.tenantId, async (q) => {
        await q.query('UPDATE conversations SET labels = $2 WHERE id = $1', [id, [`l${n}`]]);
        return {
          value: null,
          entries: [{ type: 'conversation.updated', entityId: id, data: { labels: [`l${n}`] } }],
        };
      });
    };
    await Promise.all(ids.map((id) => label(id, 0)));
    const racing = Promise.all(ids.flatMap((id) => [1, 2, 3].map((n) => label(id, n))));
    const snap = await readSnapshot(db, t.tenantId, async (q) => {
      const { rows } = await q.query<{ id: string; labels: string[]; version: number }>(
        'SELECT id, labels, version FROM conversations WHERE tenant_id = $1',
        [t.tenantId],
      );
      return rows;
    });
    await racing;
    // Every row of the snapshot is at or before its cursor...
    for (const r of snap.value) expect(r.version).toBeLessThanOrEqual(snap.cursor);
    // ...and the sync from it carries exactly what came after, which brings the rows to the truth.
    const later = await page(token, snap.cursor);
    const head = (
      await db.query<{ seq: number }>('SELECT seq FROM tenant_counters WHERE tenant_id = $1', [t.tenantId])
    ).rows[0]!.seq;
    expect(later.entries.map((e) => e.seq)).toEqual(
      Array.from({ length: head - snap.cursor }, (_, i) => snap.cursor + 1 + i),
    );
    const state = new Map(snap.value.map((r) => [r.id, { labels: r.labels, version: r.version }]));
    for (const e of later.entries) {
      if (e.type !== 'conversation.updated') continue;
      const cur = state.get(e.entityId)!;
      if (e.version > cur.version)
        state.set(e.entityId, { labels: e.data['labels'] as string[], version: e.version });
    }
    const truth = await db.query<{ id: string; labels: string[]; version: number }>(
      'SELECT id, labels, version FROM conversations WHERE tenant_id = $1',
      [t.tenantId],
    );
    for (const r of truth.rows) expect(state.get(r.id)).toEqual({ labels: r.labels, version: r.version });
  });
});
