// The ingest worker: leases a tenant's lane, parses its payloads, and writes them in one
// transaction with their event-log entries. Several loops run at once, each on its own lane, so a
// tenant's burst occupies one loop while the others keep serving everyone else.
import { randomUUID } from 'node:crypto';
import { commitChanges } from '../events/commit-changes.ts';
import { createFollowups, type Followup, recordFollowup } from '../hooks/followups.ts';
import type { PersistHook } from '../hooks/persist-hook.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/registry.ts';
import type { PubSub } from '../pubsub/port.ts';
import type { SqlQueue } from '../queue/embedded.ts';
import type { IngestQueue, LaneLease, QueueJob } from '../queue/port.ts';
import type { Service } from '../services/service.ts';
import { isConnectionLost } from '../store/connection-lost.ts';
import type { Db } from '../store/db.ts';
import { mayCarryUnstorable, replaceUnstorable } from '../text/unstorable-text.ts';
import type { IngestJob } from '../webhook/admit-payload.ts';
import { NotAnEnvelopeError, type ParsedChange, parseWebhook, type SetAsideItem } from './parse-webhook.ts';
import { type ChannelRef, persistInbound } from './persist-inbound.ts';
import { keepSetAside } from './set-aside.ts';
import { splitDelivery } from './split-delivery.ts';

export interface IngestWorkerOptions {
  db: Db;
  queue: IngestQueue;
  pubsub: PubSub;
  prefix: string;
  concurrency: number;
  batchSize?: number;
  maxAttempts?: number;
  hooks?: PersistHook[];
  /** How long a batch's followup belongs to its writer before any worker's sweep may run it. */
  followupLeaseMs?: number;
  /** How often this worker looks for followups left by dead workers or due for a retry. */
  followupSweepMs?: number;
  metrics: Metrics;
  log: Logger;
}

/** A job that can never succeed, whatever the retries: it goes straight to the dead letters. */
class PermanentJobError extends Error {}

const backoffMs = (attempts: number) => Math.min(30_000, 250 * 2 ** attempts) * (0.75 + Math.random() * 0.5);

interface Parsed {
  job: QueueJob;
  receivedAt: number;
  changes: ParsedChange[];
  setAside: SetAsideItem[];
  /** The job as queued and its payload, read once: a failing delivery is split from these. */
  envelope: IngestJob;
  payload: unknown;
}

function parseJob(job: QueueJob): Parsed {
  let envelope: IngestJob;
  let payload: unknown;
  try {
    envelope = JSON.parse(job.payload) as IngestJob;
    payload = JSON.parse(envelope.body);
    // One U+0000 or lone surrogate must not fail the messages beside it (the gateway kept the raw body).
    if (mayCarryUnstorable(envelope.body)) payload = replaceUnstorable(payload).value;
  } catch (err) {
    throw new PermanentJobError(`job payload is not JSON: ${(err as Error).message}`);
  }
  try {
    const { changes, setAside } = parseWebhook(payload);
    return { job, receivedAt: envelope.receivedAt, changes, setAside, envelope, payload };
  } catch (err) {
    if (err instanceof NotAnEnvelopeError) throw new PermanentJobError(err.message);
    throw err;
  }
}

export function createIngestWorker(opts: IngestWorkerOptions): Service {
  const { db, queue, metrics, log } = opts;
  const batchSize = opts.batchSize ?? 100;
  const maxAttempts = opts.maxAttempts ?? 5;
  const owner = `ingest-${process.pid}-${randomUUID().slice(0, 8)}`;
  const sqlQueue = 'ackIn' in queue ? (queue as SqlQueue) : null;
  let running = false;
  const loops: Promise<void>[] = [];
  const hooks = opts.hooks ?? [];
  const followups = createFollowups({
    db,
    hooks,
    log,
    metrics,
    ...(opts.followupLeaseMs !== undefined && { leaseMs: opts.followupLeaseMs }),
  });

  // A tenant's channels, kept briefly: one query less per batch. A number the cache does not know
  // reloads it (a channel added a moment ago), and a failed write drops it (one removed).
  const channelCache = new Map<string, { at: number; byPhone: Map<string, ChannelRef> }>();
  const channelsOf = async (
    tenantId: string,
    phones: readonly string[],
  ): Promise<Map<string, ChannelRef>> => {
    const hit = channelCache.get(tenantId);
    if (hit && Date.now() - hit.at < 10_000 && phones.every((p) => hit.byPhone.has(p))) return hit.byPhone;
    const { rows } = await db.query<{ id: string; phone_number_id: string }>(
      'SELECT id, phone_number_id FROM channels WHERE tenant_id = $1',
      [tenantId],
    );
    const byPhone = new Map(rows.map((r) => [r.phone_number_id, { id: r.id, tenantId }]));
    channelCache.set(tenantId, { at: Date.now(), byPhone });
    return byPhone;
  };

  /** Writes the parsed jobs in one transaction; with a table queue the ack commits with them. */
  const write = async (lease: LaneLease, parsed: Parsed[], ack = true): Promise<Followup | null> => {
    const changes = parsed.flatMap((p) => p.changes);
    const phones = [
      ...new Set(
        changes.flatMap((c) => (c.field === 'messages' && c.phoneNumberId ? [c.phoneNumberId] : [])),
      ),
    ];
    const channelsByPhone = await channelsOf(lease.lane, phones);
    const ids = parsed.map((p) => p.job.id);
    let setAside = new Map<string, number>();
    const { value } = await commitChanges(
      db,
      opts.pubsub,
      opts.prefix,
      lease.lane,
      async (q) => {
        const outcome = await persistInbound(q, { tenantId: lease.lane, channelsByPhone, changes });
        setAside = await keepSetAside(
          q,
          lease.lane,
          parsed.flatMap((p) => p.setAside),
        );
        // The hooks' work commits with the batch: a worker that dies before running them leaves
        // it to the next sweep instead of losing it.
        const followup =
          hooks.length > 0
            ? await recordFollowup(q, lease.lane, { newMessages: outcome.newMessages }, opts.followupLeaseMs)
            : null;
        return { value: { outcome, followup }, entries: outcome.entries };
      },
      sqlQueue && ack ? (q) => sqlQueue.ackIn(q, lease, ids) : undefined,
    );
    if (!sqlQueue && ack) await queue.ack(lease, ids);
    const now = Date.now();
    for (const p of parsed) metrics.ingestLagSeconds.observe((now - p.receivedAt) / 1000);
    metrics.ingested.inc({ kind: 'message' }, value.outcome.newMessages.length);
    for (const [reason, n] of setAside) metrics.setAside.inc({ reason }, n);
    if (value.outcome.metaErrors > 0)
      metrics.setAside.inc({ reason: 'meta_errors' }, value.outcome.metaErrors);
    if (setAside.size > 0 || value.outcome.metaErrors > 0)
      log.warn(
        { lane: lease.lane, setAside: Object.fromEntries(setAside), metaErrors: value.outcome.metaErrors },
        'ingest: webhook items kept aside (quarantine) or Meta errors kept as channel events',
      );
    return value.followup;
  };

  /** The fast path: the writer runs its batch's followup at once, in its lane. */
  const runHooks = async (followup: Followup | null) => {
    if (!followup) return;
    try {
      await followups.run(followup);
    } catch (err) {
      // Recording the outcome failed (the database went away): the row stays, and a sweep runs it.
      log.error(
        { err: (err as Error).message, followup: followup.id, tenantId: followup.tenantId },
        'ingest: followup not settled; a sweep will run it',
      );
    }
  };

  /**
   * A delivery that failed as a whole is written item by item: what can be stored commits, and
   * each item that fails goes back to the lane as a job of its own (retried and dead-lettered
   * alone) before the delivery is acked. False when the delivery has one item only.
   */
  const splitAndWrite = async (lease: LaneLease, p: Parsed): Promise<boolean> => {
    const pieces = splitDelivery(p.payload);
    if (pieces.length <= 1) return false;
    const failed: { piece: unknown; err: string }[] = [];
    for (const piece of pieces) {
      const { changes, setAside } = parseWebhook(piece);
      try {
        await runHooks(await write(lease, [{ ...p, changes, setAside, payload: piece }], false));
      } catch (err) {
        if (isConnectionLost(err)) throw err;
        failed.push({ piece, err: (err as Error).message });
      }
    }
    if (failed.length > 0) {
      log.warn(
        { job: p.job.id, lane: lease.lane, failed: failed.length, of: pieces.length, err: failed[0]!.err },
        'ingest: items of a delivery failed; each goes back to the lane alone',
      );
      await queue.append(
        failed.map((f) => ({
          lane: lease.lane,
          payload: JSON.stringify({ ...p.envelope, body: JSON.stringify(f.piece) } satisfies IngestJob),
        })),
      );
    }
    await queue.ack(lease, [p.job.id]);
    return true;
  };

  const fail = async (lease: LaneLease, job: QueueJob, err: unknown): Promise<'stop'> => {
    channelCache.delete(lease.lane);
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PermanentJobError || job.attempts + 1 >= maxAttempts) {
      log.error(
        { job: job.id, lane: lease.lane, attempts: job.attempts + 1, err: message },
        'ingest: job dead-lettered',
      );
      metrics.jobsFailed.inc({ outcome: 'dead' });
      await queue.bury(lease, job, message);
      await queue.release(lease);
      return 'stop';
    }
    log.warn(
      { job: job.id, lane: lease.lane, attempts: job.attempts + 1, err: message },
      'ingest: job failed, will retry',
    );
    metrics.jobsFailed.inc({ outcome: 'retry' });
    await queue.retry(lease, job, message, backoffMs(job.attempts));
    return 'stop';
  };

  const processLease = async (lease: LaneLease): Promise<void> => {
    const parsed: Parsed[] = [];
    for (const job of lease.jobs) {
      try {
        parsed.push(parseJob(job));
      } catch (err) {
        // Jobs before the bad one are written first, so the lane keeps its order.
        if (parsed.length > 0) await runHooks(await write(lease, parsed));
        await fail(lease, job, err);
        return;
      }
    }
    try {
      await runHooks(await write(lease, parsed));
    } catch (batchErr) {
      // A lost database connection is nobody's fault: the lane goes back whole (see loop).
      if (isConnectionLost(batchErr)) throw batchErr;
      // Find the culprit: one job per transaction, stopping at the first failure to keep order.
      log.warn(
        { lane: lease.lane, err: (batchErr as Error).message },
        'ingest: batch failed, retrying job by job',
      );
      for (const p of parsed) {
        try {
          await runHooks(await write(lease, [p]));
        } catch (err) {
          if (isConnectionLost(err)) throw err;
          if (await splitAndWrite(lease, p)) continue;
          await fail(lease, p.job, err);
          return;
        }
      }
    }
    await queue.release(lease);
  };

  /** Keeps the lease alive while a slow batch writes, so no second worker takes the lane meanwhile. */
  const heartbeat = (lease: LaneLease) => {
    let stopped = false;
    const timer = setInterval(
      () => {
        queue.extend(lease).then(
          (held) => {
            if (!held && !stopped)
              log.warn({ lane: lease.lane }, 'ingest: lease lost while writing; the lane may run twice');
          },
          (err: unknown) =>
            log.warn({ lane: lease.lane, err: (err as Error).message }, 'ingest: lease extension failed'),
        );
      },
      Math.max(100, Math.floor(queue.leaseMs / 3)),
    );
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  };

  const loop = async () => {
    while (running) {
      let lease: LaneLease | null = null;
      try {
        lease = await queue.claim(owner, batchSize);
        if (!lease) {
          await queue.waitForWork(1000);
          continue;
        }
        const stopHeartbeat = heartbeat(lease);
        try {
          await processLease(lease);
        } finally {
          stopHeartbeat();
        }
      } catch (err) {
        // The queue or database is unreachable: the lane goes back with no attempt counted (at
        // once if the queue still answers, else when its lease expires), and this loop waits.
        if (lease) {
          channelCache.delete(lease.lane);
          await queue.release(lease).catch(() => undefined);
        }
        if (isConnectionLost(err))
          log.warn(
            { err: (err as Error).message, lane: lease?.lane },
            'ingest: database connection lost, backing off',
          );
        else log.error({ err: (err as Error).message, lane: lease?.lane }, 'ingest: loop error, backing off');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };

  // Followups whose writer died (or that wait for a retry) are picked up here, by any worker.
  let wakeSweep: (() => void) | null = null;
  const sweepLoop = async () => {
    const everyMs = opts.followupSweepMs ?? 2000;
    while (running) {
      try {
        if ((await followups.sweep()) > 0) continue;
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'ingest: followup sweep failed; next round retries');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs);
        wakeSweep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeSweep = null;
    }
  };

  return {
    name: 'worker',
    async start() {
      running = true;
      for (let i = 0; i < opts.concurrency; i++) loops.push(loop());
      if (hooks.length > 0) loops.push(sweepLoop());
      log.info({ owner, concurrency: opts.concurrency }, 'worker: consuming ingest lanes');
    },
    async stop() {
      running = false;
      (wakeSweep as (() => void) | null)?.();
      await Promise.all(loops);
    },
  };
}
