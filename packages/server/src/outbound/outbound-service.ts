// Builds the outbound worker from the process's context: the Graph client on WHATSAPP_GRAPH_URL,
// and the per-number rate limit (per process, or shared through Redis in scale mode); beside it,
// the worker role's outbound chores (the template refresher, the media and send sweeps).
import { Redis } from 'ioredis';
import type { AppContext } from '../app-context.ts';
import { createGuardedFetch } from '../net/guarded-fetch.ts';
import type { Service } from '../services/service.ts';
import { createGraphClient } from './graph-client.ts';
import { createMediaSweep } from './media-sweep.ts';
import { createOutboundWorker } from './outbound-worker.ts';
import { createRedisRateLimiter, createTokenBucket, pacing, realClock } from './rate-limiter.ts';
import { createSendSweep } from './send-sweep.ts';
import { createTemplateRefresher } from './template-refresher.ts';

export function createOutboundService(ctx: AppContext): Service {
  const { config } = ctx;
  const redis = config.mode === 'scale' && config.REDIS_URL ? new Redis(config.REDIS_URL) : null;
  if (config.mode === 'scale' && !config.PARLEY_S3_BUCKET)
    ctx.log.warn(
      { folder: `${config.PARLEY_DATA_DIR}/media` },
      'media is kept in a local folder: in scale mode set PARLEY_S3_BUCKET so every process sees the same files',
    );
  const pace = pacing(config.PARLEY_OUTBOUND_RATE);
  const limiter = redis
    ? createRedisRateLimiter(redis, ctx.prefix, pace.perSecond)
    : createTokenBucket(pace.perSecond, realClock, pace.burst);
  const graph = createGraphClient({
    baseUrl: config.WHATSAPP_GRAPH_URL,
    version: config.WHATSAPP_GRAPH_VERSION,
    mediaFetch: createGuardedFetch({ allow: config.PARLEY_FETCH_ALLOW }),
    mediaHosts: config.WHATSAPP_MEDIA_HOSTS,
  });
  const worker = createOutboundWorker({
    db: ctx.db,
    queue: ctx.outbound,
    pubsub: ctx.pubsub,
    prefix: ctx.prefix,
    box: ctx.box,
    blobs: ctx.blobs,
    graph,
    limiter,
    log: ctx.log,
    concurrency: config.PARLEY_OUTBOUND_CONCURRENCY,
    unknownTimeoutMs: config.PARLEY_OUTBOUND_UNKNOWN_TIMEOUT_MS,
    onSettled: (outcome) => ctx.metrics.outboundSends.inc({ outcome }),
  });
  const chores = [
    createTemplateRefresher(
      { db: ctx.db, box: ctx.box, graph, log: ctx.log },
      config.PARLEY_TEMPLATE_REFRESH_MS,
    ),
    createMediaSweep({ db: ctx.db, queue: ctx.outbound, log: ctx.log }),
    createSendSweep(
      { db: ctx.db, queue: ctx.outbound, log: ctx.log },
      { intervalMs: config.PARLEY_OUTBOUND_SWEEP_MS },
    ),
  ];
  return {
    name: worker.name,
    async start() {
      await worker.start();
      for (const c of chores) await c.start();
    },
    async stop() {
      for (const c of chores) await c.stop();
      await worker.stop();
      redis?.disconnect();
    },
  };
}
