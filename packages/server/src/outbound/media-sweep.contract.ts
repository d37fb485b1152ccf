// The media sweep against the simulator, on each database: a customer's file whose download was
// never queued is fetched after the grace period, once, a bounded number per run.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../log/logger.ts';
import { createMediaSweep, requeueMissingMedia } from './media-sweep.ts';
import {
  type HarnessOptions,
  type OutboundHarness,
  startOutboundHarness,
} from './outbound-harness.test-support.ts';

export function mediaSweepContract(
  name: string,
  options: () => Promise<HarnessOptions & { drop?: () => Promise<void> }>,
) {
  describe(`media sweep: ${name}`, () => {
    let h: OutboundHarness;
    let drop: (() => Promise<void>) | undefined;
    let conversationId: string;
    let tenantId: string;
    beforeAll(async () => {
      const o = await options();
      drop = o.drop;
      h = await startOutboundHarness(o);
      tenantId = h.server.admin.tenantId;
      conversationId = await h.customerWrites('15550009000', 'I will send a photo');
    });
    afterAll(async () => {
      await h?.close();
      await drop?.();
    });

    const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } as unknown as Logger;
    const deps = () => ({ db: h.server.ctx.db, queue: h.server.ctx.outbound, log });

    /** A customer's image stored as ingest stores it, but with no download job ever queued. */
    async function imageWithoutJob(ageMs: number, bytes = randomBytes(2_000)) {
      const file = h.sim.uploadMedia(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), bytes]), 'image/jpeg');
      const { rows } = await h.server.ctx.db.query<{ id: string }>(
        `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, wa_message_id, created_at)
         VALUES ($1, $2, 'in', 'image', $3::jsonb, 'received', $4, now() - $5::interval) RETURNING id`,
        [
          tenantId,
          conversationId,
          JSON.stringify({ mediaId: file.id, mimeType: 'image/jpeg' }),
          `wamid.sweep-${randomUUID()}`,
          `${ageMs} milliseconds`,
        ],
      );
      return { id: rows[0]!.id, sha256: file.sha256Hex };
    }
    const mediaOf = async (id: string) =>
      (
        await h.server.ctx.db.query<{ body: { media?: { sha256?: string } } }>(
          'SELECT body FROM messages WHERE id = $1',
          [id],
        )
      ).rows[0]?.body.media;

    it("fetches a customer's file whose download was never queued, on the worker's timer", async () => {
      const lost = await imageWithoutJob(120_000);
      const sweep = createMediaSweep(deps(), { intervalMs: 50 });
      await sweep.start();
      try {
        const media = await h.waitFor('the file fetched by the sweep', () => mediaOf(lost.id));
        expect(media.sha256).toBe(lost.sha256);
      } finally {
        await sweep.stop();
      }
      expect(await requeueMissingMedia(deps())).toBe(0);
    });

    it('leaves a message younger than the grace period to its own job', async () => {
      const fresh = await imageWithoutJob(0);
      expect(await requeueMissingMedia(deps(), { graceMs: 60_000 })).toBe(0);
      // Removed so that it cannot age into the next test's counts on a slow machine.
      await h.server.ctx.db.query('DELETE FROM messages WHERE id = $1', [fresh.id]);
    });

    it('queues a bounded number per run, each message once however many sweeps run at once', async () => {
      const lost = [
        await imageWithoutJob(300_000),
        await imageWithoutJob(200_000),
        await imageWithoutJob(100_000),
      ];
      const first = await requeueMissingMedia(deps(), { limit: 2 });
      expect(first).toBe(2);
      const racing = await Promise.all([requeueMissingMedia(deps()), requeueMissingMedia(deps())]);
      expect(racing.sort()).toEqual([0, 1]);
      expect(await requeueMissingMedia(deps())).toBe(0);
      for (const m of lost) {
        const media = await h.waitFor('the file fetched', () => mediaOf(m.id));
        expect(media.sha256).toBe(m.sha256);
      }
      const { rows } = await h.server.ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM media WHERE message_id = ANY($1::uuid[])`,
        [lost.map((m) => m.id)],
      );
      expect(rows[0]!.n).toBe(3);
    });
  });
}
