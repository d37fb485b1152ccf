// The reconnection algorithm of docs/sync-protocol.md, run against a real node: open the socket
// (buffering what it pushes), pull /api/v1/sync from the last applied cursor until hasMore is
// false, then apply the buffer, dropping what the pull already gave. Nothing depends on socket
// memory or a time window.
import { type SyncEntry, SyncPageSchema } from '@parley/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  createTestTenant,
  messageEntry,
  type Recorded,
  startSyncApp,
  startTestNode,
  type TestNode,
} from './realtime.test-support.ts';

/** A minimal client: applies entries strictly in seq order, once each. */
class Gate {
  cursor: number;
  readonly applied: number[] = [];
  private readonly held = new Map<number, SyncEntry>();
  constructor(cursor: number) {
    this.cursor = cursor;
  }
  offer(e: SyncEntry) {
    if (e.seq <= this.cursor) return; // a duplicate: the pull and the socket overlapped
    this.held.set(e.seq, e);
    for (let next = this.held.get(this.cursor + 1); next; next = this.held.get(this.cursor + 1)) {
      this.held.delete(next.seq);
      this.applied.push(next.seq);
      this.cursor = next.seq;
    }
  }
}

describe('reconnection', () => {
  let node: TestNode;
  let api: Awaited<ReturnType<typeof startSyncApp>>;
  beforeAll(async () => {
    node = await startTestNode();
    api = await startSyncApp(node.db);
  }, 180_000);
  afterAll(async () => {
    await api.close();
    await node.stop();
  });

  it('replays from the log what was missed while disconnected, then goes on live, each entry once', async () => {
    const t = await createTestTenant(node);
    const { token } = await t.agent('agent', [t.channelId]);
    const gate = new Gate((await t.commit([messageEntry({})]))[0]!);

    let socket: Recorded = await connect(node.url, { token });
    const live = await t.commit([messageEntry({ channelId: t.channelId }, 1), messageEntry({}, 2)]);
    await socket.until(() => (socket.events.length === live.length ? true : undefined));
    for (const e of socket.events) gate.offer(e as SyncEntry);
    socket.close();

    // While the agent is away, colleagues answer older conversations, some outside its sight.
    const missed = await t.commit(
      Array.from({ length: 12 }, (_, i) =>
        messageEntry(i % 3 ? { channelId: t.channelId } : { channelId: t.otherChannelId }, i),
      ),
    );

    socket = await connect(node.url, { token });
    // Writes keep coming while the pull runs: they arrive on the socket, maybe also in the pull.
    const during = t.commit([messageEntry({}, 100), messageEntry({ channelId: t.channelId }, 101)]);
    for (let hasMore = true; hasMore; ) {
      const res = await api.pull(token, gate.cursor, 5);
      expect(res.status).toBe(200);
      const page = SyncPageSchema.parse(res.body);
      for (const e of page.entries) gate.offer(e);
      hasMore = page.hasMore;
    }
    const after = await during;
    await socket.until(() => (socket.events.some((e) => e['seq'] === after.at(-1)) ? true : undefined));
    for (const e of socket.events) gate.offer(e as SyncEntry);
    socket.close();

    const first = live[0]!;
    const last = after.at(-1)!;
    expect(gate.applied).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    expect(missed.every((s) => gate.applied.includes(s))).toBe(true);
  });

  it('answers 410 when the cursor is older than the log keeps, so the client re-snapshots', async () => {
    const t = await createTestTenant(node);
    const { token } = await t.agent('agent');
    await t.commit([messageEntry({}), messageEntry({})]);
    await node.db.query('UPDATE tenant_counters SET pruned_through = 2 WHERE tenant_id = $1', [t.tenantId]);
    expect((await api.pull(token, 1)).status).toBe(410);
  });
});
