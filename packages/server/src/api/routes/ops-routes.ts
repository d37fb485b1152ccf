import { ErrorBodySchema } from '@parley/sync';
import { z } from 'zod';
import type { ApiPlugin } from '../plugin.ts';

const READY_TIMEOUT_MS = 2000;

const answersWithin = <T>(p: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
};

/** Health and metrics: /healthz (alive), /readyz (database and queue answer), /metrics. */
export const opsRoutes: ApiPlugin = async (app, { ctx }) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Ready when the database and the queue answer',
        response: { 200: z.object({ status: z.literal('ready'), mode: z.string() }), 503: ErrorBodySchema },
      },
    },
    async (_req, reply) => {
      // Bounded: a database that does not answer at all must still make this say "not ready".
      const checks = await Promise.allSettled([
        answersWithin(ctx.db.query('SELECT 1'), READY_TIMEOUT_MS),
        answersWithin(ctx.queue.ping(), READY_TIMEOUT_MS),
      ]);
      const failed = ['database', 'queue'].filter((_, i) => checks[i]?.status === 'rejected');
      if (failed.length > 0) {
        return reply.code(503).send({
          error: { code: 'unavailable', message: `not ready: ${failed.join(' and ')} not answering` },
        });
      }
      return { status: 'ready' as const, mode: ctx.config.mode };
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    // Queue depth is read when scraped, so a stalled worker shows as a growing number.
    try {
      const s = await ctx.queue.stats();
      const oldest = Math.max(0, ...s.lanes.map((l) => l.oldestAgeMs ?? 0));
      ctx.metrics.queueDepth.set({ queue: 'ingest' }, s.depth);
      ctx.metrics.queueOldestSeconds.set({ queue: 'ingest' }, oldest / 1000);
      ctx.metrics.queueDead.set({ queue: 'ingest' }, s.dead);
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'metrics: queue stats unavailable');
    }
    reply.header('content-type', ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
};
