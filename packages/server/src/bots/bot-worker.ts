// The bots worker: leases a tenant's bot lane and runs its turns — several conversations at once
// up to the tenant's limit, one conversation's messages in order. Bot lanes are not the ingest
// lanes, so a slow bot (a model call of seconds) never delays ingestion or another tenant.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import type { IngestQueue, LaneLease, QueueJob } from '../queue/port.ts';
import type { Service } from '../services/service.ts';
import { assignAfterHandoff } from './after-handoff.ts';
import { BotJobSchema } from './bot-jobs.ts';
import { runBotTurn, type TurnDeps } from './bot-turn.ts';

export interface BotWorkerOptions extends TurnDeps {
  queue: IngestQueue;
  outbound: IngestQueue;
  /** Lanes (tenants) served at once by this process. */
  concurrency: number;
  /** Conversations of one tenant answered at once. */
  perTenant: number;
  maxAttempts?: number;
  log: Logger;
}

const backoff = (attempts: number) => Math.min(60_000, 1000 * 2 ** attempts);

export function createBotWorker(opts: BotWorkerOptions): Service {
  const owner = `bots-${process.pid}-${randomUUID().slice(0, 8)}`;
  const maxAttempts = opts.maxAttempts ?? 5;
  let running = false;
  const loops: Promise<void>[] = [];

  /** Runs one conversation's jobs in order; stops at the first that must be retried. */
  const runConversation = async (lease: LaneLease, jobs: QueueJob[]): Promise<QueueJob | null> => {
    for (const job of jobs) {
      const parsed = BotJobSchema.safeParse(JSON.parse(job.payload));
      if (!parsed.success) {
        await opts.queue.bury(lease, job, 'not a bot job');
        continue;
      }
      try {
        const { outcome, outbound } = await runBotTurn(
          opts,
          lease.lane,
          parsed.data,
          job.attempts + 1 >= maxAttempts,
        );
        if (outbound.length > 0) await opts.outbound.append(outbound);
        // A hand-off is real only once assignment has picked a person or queued the conversation.
        // The turn is applied already (a retry would be skipped), so a failed decision is logged.
        if (outcome === 'handed_off')
          await assignAfterHandoff(opts, lease.lane, parsed.data.conversationId).catch((err: unknown) =>
            opts.log.error(
              { tenant: lease.lane, conversation: parsed.data.conversationId, err: (err as Error).message },
              'bots: assignment after a hand-off failed',
            ),
          );
        await opts.queue.ack(lease, [job.id]);
        opts.log.debug(
          { tenant: lease.lane, conversation: parsed.data.conversationId, outcome },
          'bots: turn done',
        );
      } catch (err) {
        opts.log.warn(
          { tenant: lease.lane, err: (err as Error).message, attempts: job.attempts + 1 },
          'bots: turn failed, will retry',
        );
        return job;
      }
    }
    return null;
  };

  const processLease = async (lease: LaneLease) => {
    // A slow bot (a model call of seconds) must not lose its lane to another worker mid-turn.
    const heartbeat = setInterval(() => {
      opts.queue
        .extend(lease)
        .catch((err: unknown) =>
          opts.log.warn({ err: (err as Error).message }, 'bots: lease extension failed'),
        );
    }, 3000);
    try {
      await runLease(lease);
    } finally {
      clearInterval(heartbeat);
    }
  };

  const runLease = async (lease: LaneLease) => {
    const byConversation = new Map<string, QueueJob[]>();
    for (const job of lease.jobs) {
      const key = (JSON.parse(job.payload) as { conversationId?: string }).conversationId ?? job.id;
      byConversation.set(key, [...(byConversation.get(key) ?? []), job]);
    }
    const groups = [...byConversation.values()];
    const failed: QueueJob[] = [];
    for (let i = 0; i < groups.length; i += opts.perTenant) {
      const results = await Promise.all(
        groups.slice(i, i + opts.perTenant).map((g) => runConversation(lease, g)),
      );
      for (const f of results) if (f) failed.push(f);
    }
    // Each failed conversation counts an attempt; the lane comes back after the back-off.
    for (const f of failed) await opts.queue.retry(lease, f, 'bot turn failed', backoff(f.attempts));
    if (failed.length === 0) await opts.queue.release(lease);
  };

  const loop = async () => {
    while (running) {
      try {
        // A lease holds one round of the tenant's conversations, so other tenants' turns interleave.
        const lease = await opts.queue.claim(owner, opts.perTenant);
        if (!lease) {
          await opts.queue.waitForWork(1000);
          continue;
        }
        await processLease(lease);
      } catch (err) {
        opts.log.error({ err: (err as Error).message }, 'bots: loop error, backing off');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };

  return {
    name: 'bots',
    async start() {
      running = true;
      for (let i = 0; i < opts.concurrency; i++) loops.push(loop());
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
