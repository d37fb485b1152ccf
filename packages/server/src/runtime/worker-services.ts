// The worker role's services: ingestion with its hooks (bots, media, assignment), outbound, bot
// turns, reminders, assignment's chores, the snooze waker and outgoing webhooks. A module of its own so that only
// processes running the worker role load it (and the date, calendar and model libraries it brings).
import type { AppContext } from '../app-context.ts';
import { createAssignmentRole } from '../assignment/assignment-role.ts';
import { createBotHook } from '../bots/bot-hook.ts';
import { botSettings } from '../bots/bot-settings.ts';
import { createBotWorker } from '../bots/bot-worker.ts';
import { createReminderService } from '../bots/scheduling/reminders.ts';
import { createSnoozeWaker } from '../inbox/snooze-waker.ts';
import { createIngestWorker } from '../ingest/ingest-worker.ts';
import { createMediaHook } from '../outbound/media-hook.ts';
import { createOutboundService } from '../outbound/outbound-service.ts';
import type { Presence } from '../realtime/presence.ts';
import type { Service } from '../services/service.ts';
import { createTableRetention } from '../store/table-retention.ts';
import { createOutgoingWebhooks } from '../webhooks-out/webhook-service.ts';

export function createWorkerServices(ctx: AppContext, presence: Presence | null): Service[] {
  const assignment = createAssignmentRole(ctx, presence);
  return [
    createIngestWorker({
      db: ctx.db,
      queue: ctx.queue,
      pubsub: ctx.pubsub,
      prefix: ctx.prefix,
      concurrency: ctx.config.PARLEY_WORKER_CONCURRENCY,
      // The bot hook goes first: a conversation a bot takes is not one for assignment.
      hooks: [createBotHook(ctx), createMediaHook(ctx.outbound), assignment.hook],
      metrics: ctx.metrics,
      log: ctx.log,
    }),
    createOutboundService(ctx),
    createBotWorker({ ...ctx, queue: ctx.bots, ...botSettings(ctx.config, ctx.log) }),
    createReminderService(ctx),
    assignment.service,
    createSnoozeWaker(ctx),
    createTableRetention(ctx),
    ...(ctx.config.PARLEY_WEBHOOKS_EVERY_MS > 0
      ? [createOutgoingWebhooks(ctx, { everyMs: ctx.config.PARLEY_WEBHOOKS_EVERY_MS })]
      : []),
  ];
}
