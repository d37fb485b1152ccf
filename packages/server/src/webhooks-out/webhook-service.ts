// The worker's outgoing-webhook chore: copy new log entries into deliveries, then send what is due.
// Every worker node runs it; subscriptions are locked with SKIP LOCKED and deliveries claimed with
// leases, so nodes share the work without sending one delivery twice at once.
import type { AppContext } from '../app-context.ts';
import { createGuardedFetch } from '../net/guarded-fetch.ts';
import { createPeriodicTask } from '../services/periodic-task.ts';
import type { Service } from '../services/service.ts';
import { type DeliverDeps, deliverOnce } from './deliver.ts';
import { dispatchOnce } from './dispatch.ts';
import { createPostWebhook } from './post-webhook.ts';

export function createOutgoingWebhooks(
  ctx: Pick<AppContext, 'db' | 'box' | 'log' | 'config'>,
  opts: Partial<Pick<DeliverDeps, 'post' | 'retryDelay' | 'leaseMs' | 'timeoutMs'>> & {
    everyMs?: number;
  } = {},
): Service {
  const { everyMs = 1000, ...tuning } = opts;
  const post = opts.post ?? createPostWebhook(createGuardedFetch({ allow: ctx.config.PARLEY_FETCH_ALLOW }));
  const deps: DeliverDeps = { db: ctx.db, box: ctx.box, log: ctx.log, post, ...tuning };
  return createPeriodicTask(
    'outgoing-webhooks',
    everyMs,
    async () => {
      await dispatchOnce(ctx.db);
      await deliverOnce(deps);
    },
    ctx.log,
  );
}
