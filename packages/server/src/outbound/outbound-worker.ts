// The outbound worker: leases a conversation's lane of the outbound queue and runs its jobs in
// order (sends, read receipts; media downloads on lanes of their own). A job that must wait
// (back-off after a transient failure) stops the lane there, so nothing overtakes it; other
// conversations go on in parallel loops. A sweep shows sends left unknown too long as failed.
import { randomUUID } from 'node:crypto';
import type { BlobStore } from '../blob/port.ts';
import type { Logger } from '../log/logger.ts';
import type { PubSub } from '../pubsub/port.ts';
import type { SqlQueue } from '../queue/embedded.ts';
import type { IngestQueue, LaneLease, QueueJob } from '../queue/port.ts';
import { DEFAULT_LEASE_MS } from '../queue/port.ts';
import type { Service } from '../services/service.ts';
import type { Db } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';
import { deliverSend, type JobOutcome } from './deliver-send.ts';
import type { GraphClient } from './graph-client.ts';
import { deliverMarkRead } from './mark-read.ts';
import { downloadInboundMedia } from './media-download.ts';
import { parseJob } from './outbound-jobs.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { expireUnknownSends } from './settle-unknown.ts';

export interface OutboundWorkerOptions {
  db: Db;
  queue: IngestQueue;
  pubsub: PubSub;
  prefix: string;
  box: SecretBox;
  graph: GraphClient;
  limiter: RateLimiter;
  blobs: BlobStore;
  log: Logger;
  concurrency: number;
  unknownTimeoutMs: number;
  /** Told each settled send (Prometheus: parley_outbound_sends_total). */
  onSettled?: (outcome: 'accepted' | 'failed' | 'unknown') => void;
  /** How often unknown sends are checked for expiry (default 30 s). */
  sweepMs?: number;
  batchSize?: number;
  maxTries?: number;
}

export function createOutboundWorker(opts: OutboundWorkerOptions): Service {
  const { queue, log } = opts;
  const owner = `outbound-${process.pid}-${randomUUID().slice(0, 8)}`;
  const batchSize = opts.batchSize ?? 20;
  let running = false;
  const loops: Promise<void>[] = [];
  let sweeper: NodeJS.Timeout | null = null;
  // Idle loops do not all wait on the queue: one polls (the Redis adapter blocks on a single
  // connection, and a table queue wakes every waiter, so eight waiting loops would mean eight claims
  // per wake-up, seven of them for nothing — costly when PGlite runs one statement at a time). A
  // loop that finds work wakes one more, so parallelism grows with the work there is.
  let polling = false;
  const idlers = new Set<() => void>();
  const wakeOne = () => {
    const [first] = idlers;
    if (!first) return;
    idlers.delete(first);
    first();
  };
  const waitIdle = async () => {
    if (!polling) {
      polling = true;
      try {
        await queue.waitForWork(1000);
      } finally {
        polling = false;
      }
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        idlers.delete(done);
        resolve();
      };
      // Look again after a second even unwoken: a wake-up can be missed, work never is.
      const timer = setTimeout(done, 1000);
      idlers.add(done);
    });
  };

  // A table queue can remove the job in the transaction that records the send's outcome.
  const sqlQueue = 'ackIn' in queue ? (queue as SqlQueue) : null;

  const runJob = async (lease: LaneLease, job: QueueJob): Promise<JobOutcome> => {
    const parsed = parseJob(job.payload);
    if (!parsed) {
      log.error({ job: job.id }, 'outbound: job payload is not an outbound job, dropped');
      return { done: true };
    }
    switch (parsed.t) {
      case 'send':
        return deliverSend(
          sqlQueue ? { ...opts, inTx: (q) => sqlQueue.ackIn(q, lease, [job.id]) } : opts,
          parsed,
          job.attempts,
        );
      case 'read':
        return deliverMarkRead(opts, parsed, job.attempts);
      case 'media':
        return downloadInboundMedia(opts, parsed, job.attempts);
    }
  };

  const processLease = async (lease: LaneLease) => {
    let leasedAt = Date.now();
    for (const job of lease.jobs) {
      if (!running) break;
      // Rate-limit waits and slow calls add up over a lane's batch: keep the lease alive.
      if (Date.now() - leasedAt > DEFAULT_LEASE_MS / 3) {
        if (!(await queue.extend(lease))) return;
        leasedAt = Date.now();
      }
      let outcome: JobOutcome;
      try {
        outcome = await runJob(lease, job);
      } catch (err) {
        // Unexpected (database down, a bug): the job runs again; the ledger makes that safe.
        outcome = { done: false, delayMs: 1000, error: (err as Error).message };
        log.error({ err: (err as Error).message, job: job.id, lane: lease.lane }, 'outbound: job threw');
      }
      if (!outcome.done) {
        await queue.retry(lease, job, outcome.error, outcome.delayMs);
        return;
      }
      if (!outcome.acked) await queue.ack(lease, [job.id]);
    }
    await queue.release(lease);
  };

  const loop = async () => {
    while (running) {
      let lease: LaneLease | null = null;
      try {
        lease = await queue.claim(owner, batchSize);
        if (!lease) {
          await waitIdle();
          continue;
        }
        wakeOne();
        await processLease(lease);
      } catch (err) {
        log.error({ err: (err as Error).message, lane: lease?.lane }, 'outbound: loop error, backing off');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };

  const sweep = async () => {
    try {
      const n = await expireUnknownSends(opts, opts.unknownTimeoutMs);
      if (n > 0) log.warn({ count: n }, 'outbound: unconfirmed sends shown as failed, agents may retry');
    } catch (err) {
      log.error({ err: (err as Error).message }, 'outbound: unknown-send sweep failed');
    }
  };

  return {
    name: 'outbound',
    async start() {
      running = true;
      for (let i = 0; i < opts.concurrency; i++) loops.push(loop());
      sweeper = setInterval(() => void sweep(), opts.sweepMs ?? 30_000);
      sweeper.unref();
      log.info({ owner, concurrency: opts.concurrency }, 'outbound: consuming send lanes');
    },
    async stop() {
      running = false;
      if (sweeper) clearInterval(sweeper);
      for (const wake of [...idlers]) wake();
      await Promise.all(loops);
    },
  };
}
