// The queue as two tables in the database: the embedded default (PGlite) and PostgreSQL-only mode.
// A lane row carries the lease and a pending count kept by row-locked arithmetic, so an append
// that races a release is never lost.
import type { PubSub } from '../pubsub/port.ts';
import type { Db, Queryable } from '../store/db.ts';
import { groupCommit } from './group-commit.ts';
import type { AppendItem, DeadJob, IngestQueue, LaneLease, QueueJob, QueueStats } from './port.ts';
import { DEFAULT_LEASE_MS, lagOf } from './port.ts';

export interface SqlQueueOptions {
  db: Db;
  /** Queue name: lets several queues (ingest, outbound, …) share the tables. */
  name: string;
  pubsub: PubSub;
  leaseMs?: number;
}

export interface SqlQueue extends IngestQueue {
  /** Acks inside the caller's transaction, so the job's effects and its removal commit together. */
  ackIn(q: Queryable, lease: LaneLease, jobIds: readonly string[]): Promise<void>;
  /**
   * Appends inside the caller's transaction, so a job commits with the change that needs it (the
   * outbound send route). Call wake() once that transaction has committed.
   */
  appendIn(q: Queryable, items: readonly AppendItem[]): Promise<void>;
  wake(): Promise<void>;
}

interface JobRow {
  id: number;
  lane: string;
  payload: string;
  attempts: number;
  enqueued_at: Date;
}

const toJob = (r: JobRow): QueueJob => ({
  id: String(r.id),
  lane: r.lane,
  payload: r.payload,
  attempts: r.attempts,
  enqueuedAt: r.enqueued_at.getTime(),
});

export function createSqlQueue(opts: SqlQueueOptions): SqlQueue {
  const { db, name, pubsub } = opts;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const wakeChannel = `${name}_work`;
  const waiters = new Set<() => void>();
  // One wake-up wakes one idle loop: it claims, and a loop that finds work goes on claiming until
  // the queue is empty, so waking every idle loop per append only multiplied the claim queries.
  const wakeOne = () => {
    const first = waiters.values().next();
    if (first.done) return;
    waiters.delete(first.value);
    first.value();
  };
  const wakeAll = () => {
    for (const w of waiters) w();
    waiters.clear();
  };
  let unsubscribe: Promise<() => Promise<void>> | null = null;
  const ensureSubscribed = () => {
    unsubscribe ??= pubsub.subscribe(wakeChannel, wakeOne);
    return unsubscribe;
  };

  const appendIn = async (q: Queryable, items: readonly AppendItem[]) => {
    if (items.length === 0) return;
    const json = JSON.stringify(items);
    await q.query(
      `INSERT INTO queue_jobs (queue, lane, payload)
         SELECT $1, i.v->>'lane', i.v->>'payload' FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS i(v, n)
         ORDER BY i.n`,
      [name, json],
    );
    // A lane that was idle joins the back of the rotation; one that had work keeps its place.
    await q.query(
      `INSERT INTO queue_lanes (queue, lane, pending, ready_at)
         SELECT $1, i.lane, count(*), now() FROM jsonb_to_recordset($2::jsonb) AS i(lane text) GROUP BY i.lane
         ON CONFLICT (queue, lane) DO UPDATE SET
           pending = queue_lanes.pending + EXCLUDED.pending,
           ready_at = CASE WHEN queue_lanes.pending <= 0 THEN now() ELSE queue_lanes.ready_at END`,
      [name, json],
    );
  };

  const commitAppend = groupCommit<AppendItem>(async (items) => {
    await db.tx((q) => appendIn(q, items));
    await pubsub.publish(wakeChannel, '');
  });

  const ackIn = async (q: Queryable, lease: LaneLease, jobIds: readonly string[]) => {
    if (jobIds.length === 0) return;
    const { rowCount } = await q.query('DELETE FROM queue_jobs WHERE queue = $1 AND id = ANY($2::bigint[])', [
      name,
      jobIds,
    ]);
    await q.query('UPDATE queue_lanes SET pending = pending - $3 WHERE queue = $1 AND lane = $2', [
      name,
      lease.lane,
      rowCount,
    ]);
  };

  return {
    leaseMs,
    async append(items) {
      await Promise.all(items.map((i) => commitAppend(i)));
    },

    async claim(owner, maxJobs) {
      const { rows } = await db.query<{ lane: string }>(
        `UPDATE queue_lanes SET leased_until = now() + $3 * interval '1 millisecond', lease_owner = $2
         WHERE (queue, lane) = (
           SELECT queue, lane FROM queue_lanes
           WHERE queue = $1 AND pending > 0 AND ready_at <= now() AND (leased_until IS NULL OR leased_until < now())
           ORDER BY ready_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING lane`,
        [name, owner, leaseMs],
      );
      const lane = rows[0]?.lane;
      if (lane === undefined) return null;
      const jobs = await db.query<JobRow>(
        'SELECT id, lane, payload, attempts, enqueued_at FROM queue_jobs WHERE queue = $1 AND lane = $2 ORDER BY id LIMIT $3',
        [name, lane, maxJobs],
      );
      return { lane, owner, jobs: jobs.rows.map(toJob) };
    },

    ack: (lease, jobIds) => db.tx((q) => ackIn(q, lease, jobIds)),
    ackIn,
    appendIn,
    wake: () => pubsub.publish(wakeChannel, ''),

    async retry(lease, job, error, delayMs) {
      await db.query('UPDATE queue_jobs SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
        job.id,
        error,
      ]);
      await this.release(lease, delayMs);
    },

    async bury(lease, job, error) {
      await db.tx(async (q) => {
        const { rowCount } = await q.query(
          `WITH gone AS (DELETE FROM queue_jobs WHERE id = $1 RETURNING *)
           INSERT INTO queue_dead (queue, lane, payload, attempts, last_error, enqueued_at)
           SELECT queue, lane, payload, attempts + 1, $2, enqueued_at FROM gone`,
          [job.id, error],
        );
        await q.query('UPDATE queue_lanes SET pending = pending - $3 WHERE queue = $1 AND lane = $2', [
          name,
          lease.lane,
          rowCount,
        ]);
      });
    },

    async release(lease, delayMs = 0) {
      await db.query(
        `UPDATE queue_lanes SET leased_until = NULL, lease_owner = NULL,
           ready_at = now() + $4 * interval '1 millisecond'
         WHERE queue = $1 AND lane = $2 AND lease_owner = $3`,
        [name, lease.lane, lease.owner, delayMs],
      );
      if (delayMs === 0) await pubsub.publish(wakeChannel, '');
    },

    async extend(lease) {
      const { rowCount } = await db.query(
        `UPDATE queue_lanes SET leased_until = now() + $4 * interval '1 millisecond'
         WHERE queue = $1 AND lane = $2 AND lease_owner = $3`,
        [name, lease.lane, lease.owner, leaseMs],
      );
      return rowCount > 0;
    },

    async waitForWork(timeoutMs) {
      await ensureSubscribed();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(done);
          resolve();
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.add(done);
      });
    },

    async stats(): Promise<QueueStats> {
      const lanes = await db.query<{
        lane: string;
        depth: number;
        oldest: Date | null;
        owner: string | null;
      }>(
        `SELECT l.lane, count(j.id)::int8 AS depth, min(j.enqueued_at) AS oldest,
           CASE WHEN l.leased_until > now() THEN l.lease_owner END AS owner
         FROM queue_lanes l LEFT JOIN queue_jobs j ON j.queue = l.queue AND j.lane = l.lane
         WHERE l.queue = $1 GROUP BY l.lane, l.leased_until, l.lease_owner ORDER BY l.lane`,
        [name],
      );
      const dead = await db.query<{ n: number }>(
        'SELECT count(*)::int8 AS n FROM queue_dead WHERE queue = $1',
        [name],
      );
      const now = Date.now();
      const laneStats = lanes.rows.map((r) => ({
        lane: r.lane,
        depth: Number(r.depth),
        oldestAgeMs: r.oldest ? Math.max(0, now - r.oldest.getTime()) : null,
        leasedBy: r.owner,
      }));
      return {
        lanes: laneStats,
        depth: laneStats.reduce((s, l) => s + l.depth, 0),
        lagMs: lagOf(laneStats),
        dead: Number(dead.rows[0]?.n ?? 0),
      };
    },

    async dead(limit): Promise<DeadJob[]> {
      const { rows } = await db.query<JobRow & { last_error: string | null; died_at: Date }>(
        'SELECT id, lane, payload, attempts, enqueued_at, last_error, died_at FROM queue_dead WHERE queue = $1 ORDER BY id LIMIT $2',
        [name, limit],
      );
      return rows.map((r) => ({ ...toJob(r), error: r.last_error, diedAt: r.died_at.getTime() }));
    },

    async replayDead(ids) {
      // Moved in one transaction: a crash can neither lose a dead job nor duplicate it.
      const moved = await db.tx(async (q) => {
        const { rows } = await q.query<{ lane: string; n: number }>(
          `WITH gone AS (
             DELETE FROM queue_dead WHERE queue = $1 AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
             RETURNING id, lane, payload
           ), added AS (
             INSERT INTO queue_jobs (queue, lane, payload) SELECT $1, lane, payload FROM gone ORDER BY id RETURNING lane
           )
           SELECT lane, count(*)::int8 AS n FROM added GROUP BY lane`,
          [name, ids ?? null],
        );
        for (const r of rows) {
          await q.query(
            `INSERT INTO queue_lanes (queue, lane, pending) VALUES ($1, $2, $3)
             ON CONFLICT (queue, lane) DO UPDATE SET pending = queue_lanes.pending + EXCLUDED.pending`,
            [name, r.lane, r.n],
          );
        }
        return rows.reduce((sum, r) => sum + Number(r.n), 0);
      });
      if (moved > 0) await pubsub.publish(wakeChannel, '');
      return moved;
    },

    async ping() {
      await db.query('SELECT 1');
    },

    async close() {
      const un = await unsubscribe;
      await un?.();
      wakeAll();
    },
  };
}
