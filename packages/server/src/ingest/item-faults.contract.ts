// Items of a delivery that cannot be used or stored, on the embedded default and on scale mode:
// nothing is dropped without a trace (set aside in quarantine, or kept as a channel event, and
// counted), and one item that fails to store is retried and dead-lettered alone while the items
// beside it commit (issue 17, items 7 and 8).
import { buildTextMessage } from '@parley/wa-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestHarness, startIngestHarness } from '../test-support/ingest-harness.ts';
import { DEMO, inbound } from './ingest-path.contract.ts';

type Json = Record<string, unknown>;

/** The value of an envelope's first change. */
const changeValue = (envelope: unknown): Json =>
  (envelope as { entry: { changes: { value: Json }[] }[] }).entry[0]!.changes[0]!.value;

export function itemFaultsSuite(mode: 'embedded' | 'scale'): void {
  describe(`items that cannot be used or stored (${mode})`, () => {
    let h: IngestHarness;
    beforeAll(async () => {
      h = await startIngestHarness({ mode, worker: { maxAttempts: 2 } });
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });
    const stored = (ids: string[]) =>
      h.count('SELECT count(*)::int AS n FROM messages WHERE wa_message_id = ANY($1::text[])', [ids]);
    const setAsideMetric = async () => {
      const m = await h.ctx.metrics.registry.getMetricsAsJSON();
      const values = m.find((x) => x.name === 'parley_ingest_set_aside_total')?.values ?? [];
      return Object.fromEntries(values.map((v) => [String(v.labels['reason']), v.value]));
    };

    it('keeps items without id or sender, statuses without timestamp and Meta errors, counted and once', async () => {
      const from = '15550001001';
      const good = buildTextMessage({ from, body: 'kept' });
      const { id: _id, ...noId } = buildTextMessage({ from, body: 'no id' });
      // A username change as a system message with no sender at all.
      const noSender = {
        id: `wamid.nosender.${Date.now()}`,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'system',
        system: { body: 'User changed their username', type: 'user_changed_user_id' },
      };
      const payload = inbound(DEMO, from, [good, noId as never, noSender as never]);
      const value = changeValue(payload);
      value['statuses'] = [{ id: 'wamid.no-timestamp', status: 'delivered', recipient_id: from }];
      value['errors'] = [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong' }];

      expect((await h.post(payload)).status).toBe(200);
      await h.waitFor(async () => (await stored([good.id])) === 1, 'the good message stored');
      const { rows } = await h.ctx.db.query<{ reason: string; body: string }>(
        "SELECT reason, body FROM quarantine WHERE reason LIKE 'unreadable_%' ORDER BY id",
      );
      expect(rows.map((r) => r.reason)).toEqual([
        expect.stringMatching(
          /^unreadable_message: entry\[0\]\.changes\[0\]\.value\.messages\[1\]: message skipped/,
        ),
        expect.stringMatching(
          /^unreadable_message: .*messages\[2\]: message skipped \(.*from or from_user_id/,
        ),
        expect.stringMatching(/^unreadable_status: .*statuses\[0\]: status skipped \(.*timestamp/),
      ]);
      // Each is kept whole, as an envelope of its own that a replay routes again.
      const kept = rows.map((r) => JSON.parse(r.body) as unknown);
      expect(changeValue(kept[0])['messages']).toEqual([noId]);
      expect(changeValue(kept[1])['messages']).toEqual([noSender]);
      expect(changeValue(kept[2])['statuses']).toEqual(value['statuses']);
      expect(changeValue(kept[2])['metadata']).toMatchObject({ phone_number_id: DEMO.phoneNumberId });
      const events = await h.ctx.db.query<{ value: { errors: { code: number }[] } }>(
        "SELECT value FROM channel_events WHERE field = 'messages.errors' AND channel_id = $1",
        [h.channelId],
      );
      expect(events.rows.map((r) => r.value.errors[0]?.code)).toEqual([131000]);
      // Counted once the batch is acked (after its commit in scale mode).
      const counted = { unreadable_message: 2, unreadable_status: 1, meta_errors: 1 };
      await h.waitFor(
        async () => JSON.stringify(await setAsideMetric()) === JSON.stringify(counted),
        'the set-aside items counted',
      );

      // Meta delivers again: the same items are not kept twice.
      expect((await h.post(payload)).status).toBe(200);
      await h.waitFor(async () => (await h.ctx.queue.stats()).depth === 0, 'the redelivery handled');
      expect(
        await h.count("SELECT count(*)::int AS n FROM quarantine WHERE reason LIKE 'unreadable_%'"),
      ).toBe(3);
    }, 60_000);

    it('retries and dead-letters one item that cannot be stored alone; the items beside it commit', async () => {
      // A real storage failure for one message id, raised by the database itself.
      await h.ctx.db.exec(`
        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.wa_message_id LIKE 'wamid.poison%' THEN RAISE EXCEPTION 'this message cannot be stored'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
      const from = '15550001002';
      const before = buildTextMessage({ from, body: 'before' });
      const poison = { ...buildTextMessage({ from, body: 'poison' }), id: `wamid.poison.${Date.now()}` };
      const after = buildTextMessage({ from, body: 'after' });
      expect((await h.post(inbound(DEMO, from, [before, poison, after]))).status).toBe(200);

      await h.waitFor(async () => (await stored([before.id, after.id])) === 2, 'the items beside it stored');
      await h.waitFor(
        async () => (await h.ctx.queue.dead(10)).length === 1,
        'the item dead-lettered',
        30_000,
      );
      const [dead] = await h.ctx.queue.dead(10);
      expect(dead!.error).toContain('this message cannot be stored');
      const body = JSON.parse(JSON.parse(dead!.payload).body) as unknown;
      // Only the poison message went to the dead letters, not the delivery.
      expect(changeValue(body)['messages']).toEqual([poison]);
      expect(await stored([poison.id])).toBe(0);

      // Once the cause is gone, replaying the dead letter stores it, and only it.
      await h.ctx.db.exec('DROP TRIGGER refuse_poison ON messages; DROP FUNCTION refuse_poison();');
      expect(await h.ctx.queue.replayDead()).toBe(1);
      await h.waitFor(async () => (await stored([poison.id])) === 1, 'the replayed item stored');
      expect(await stored([before.id, poison.id, after.id])).toBe(3);
    }, 90_000);
  });
}
