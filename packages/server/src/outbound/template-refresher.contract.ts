// The template refresher against the simulator, on each database: it refreshes on its own timer,
// one process at a time per channel, skips lists refreshed recently, and survives Meta's failures.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../log/logger.ts';
import { createGraphClient, type GraphClient } from './graph-client.ts';
import {
  type HarnessOptions,
  type OutboundHarness,
  startOutboundHarness,
} from './outbound-harness.test-support.ts';
import { createTemplateRefresher, refreshDueTemplates } from './template-refresher.ts';

export function templateRefresherContract(
  name: string,
  options: () => Promise<HarnessOptions & { drop?: () => Promise<void> }>,
) {
  describe(`template refresher: ${name}`, () => {
    let h: OutboundHarness;
    let drop: (() => Promise<void>) | undefined;
    let graph: GraphClient;
    let channelId: string;
    beforeAll(async () => {
      const o = await options();
      drop = o.drop;
      h = await startOutboundHarness(o);
      graph = createGraphClient({
        baseUrl: h.proxy.url,
        version: h.server.ctx.config.WHATSAPP_GRAPH_VERSION,
      });
      const { rows } = await h.server.ctx.db.query<{ id: string }>(
        'SELECT id FROM channels WHERE waba_id IS NOT NULL LIMIT 1',
      );
      channelId = rows[0]!.id;
    });
    afterAll(async () => {
      await h?.close();
      await drop?.();
    });

    const quietLog = () =>
      ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }) as unknown as Logger & {
        warn: ReturnType<typeof vi.fn>;
      };
    const deps = (g: GraphClient = graph, log: Logger = quietLog()) => ({
      db: h.server.ctx.db,
      box: h.server.ctx.box,
      graph: g,
      log,
    });
    const all = ['appointment_reminder', 'hello_world', 'order_update', 'seasonal_promo'];
    const templateCalls = () => h.proxy.seen.filter((s) => s.path.endsWith('/message_templates')).length;
    const cached = async () =>
      (
        await h.server.ctx.db.query<{ name: string }>(
          'SELECT name FROM message_templates WHERE channel_id = $1 ORDER BY name',
          [channelId],
        )
      ).rows.map((r) => r.name);
    const makeStale = () =>
      h.server.ctx.db.query(
        `UPDATE template_syncs SET synced_at = now() - interval '1 hour' WHERE channel_id = $1`,
        [channelId],
      );

    it('refreshes every channel on its own timer, with nobody reading the list, and stops cleanly', async () => {
      await h.server.ctx.db.query('DELETE FROM template_syncs WHERE channel_id = $1', [channelId]);
      await h.server.ctx.db.query('DELETE FROM message_templates WHERE channel_id = $1', [channelId]);
      const refresher = createTemplateRefresher(deps(), 50);
      await refresher.start();
      try {
        await h.waitFor(
          'templates refreshed in the background',
          async () => (await cached()).length === all.length,
        );
      } finally {
        await refresher.stop();
      }
      expect(await cached()).toEqual(all);
      const { rows } = await h.server.ctx.db.query<{ synced_at: Date; refresh_claimed_at: Date | null }>(
        'SELECT synced_at, refresh_claimed_at FROM template_syncs WHERE channel_id = $1',
        [channelId],
      );
      expect(rows[0]!.synced_at.getTime()).toBeGreaterThan(0);
      expect(rows[0]!.refresh_claimed_at).toBeNull();
    });

    it('lets one of two racing refreshers fetch a channel, and skips a list refreshed recently', async () => {
      await makeStale();
      // Meta answers slowly, so both runs are past their first look before either has finished.
      const slow: GraphClient = {
        ...graph,
        templates: async (waba, token) => {
          await new Promise((r) => setTimeout(r, 100));
          return graph.templates(waba, token);
        },
      };
      const before = templateCalls();
      const runs = await Promise.all([
        refreshDueTemplates(deps(slow), { staleAfterMs: 60_000 }),
        refreshDueTemplates(deps(slow), { staleAfterMs: 60_000 }),
      ]);
      expect(runs.map((r) => r.refreshed).sort()).toEqual([0, 1]);
      expect(templateCalls() - before).toBe(1);
      const again = await refreshDueTemplates(deps(), { staleAfterMs: 60_000 });
      expect(again).toEqual({ refreshed: 0, failed: 0, skipped: 0 });
      expect(templateCalls() - before).toBe(1);
    });

    it('logs a failed refresh, keeps the cached list, and lets the next run try again', async () => {
      await makeStale();
      const down: GraphClient = {
        ...graph,
        templates: async () => ({
          ok: false,
          failure: { verdict: 'transient', code: 2, title: 'WhatsApp is unavailable', details: null },
        }),
      };
      const log = quietLog();
      const failed = await refreshDueTemplates(deps(down, log), { staleAfterMs: 60_000 });
      expect(failed).toMatchObject({ refreshed: 0, failed: 1 });
      expect(log.warn).toHaveBeenCalledWith(
        expect.objectContaining({ channel: channelId, reason: 'WhatsApp is unavailable' }),
        expect.any(String),
      );
      expect(await cached()).toEqual(all);
      const next = await refreshDueTemplates(deps(), { staleAfterMs: 60_000 });
      expect(next).toMatchObject({ refreshed: 1, failed: 0 });
    });
  });
}
