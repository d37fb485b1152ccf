// The queue on Redis (scale mode): a stream per lane holds the jobs until they are acked, a sorted
// set rotates the lanes that have work, another holds leases with their deadlines. A worker that
// dies loses its leases when they expire, and the next claim puts those lanes back in rotation;
// their jobs are still in the streams, so nothing is lost.
import { Redis } from 'ioredis';
import { groupCommit } from './group-commit.ts';
import type { AppendItem, DeadJob, IngestQueue, LaneLease, QueueJob, QueueStats } from './port.ts';
import { DEFAULT_LEASE_MS, lagOf } from './port.ts';
import { APPEND, BURY, CLAIM, EXTEND, RELEASE, REPLAY } from './redis-scripts.ts';

export interface RedisQueueOptions {
  url: string;
  /** Key prefix; it becomes the hash tag shared by every key of this queue. */
  prefix: string;
  name: string;
  leaseMs?: number;
}

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;
type ScriptedRedis = Redis &
  Record<
    'parleyAppend' | 'parleyClaim' | 'parleyRelease' | 'parleyExtend' | 'parleyBury' | 'parleyReplay',
    ScriptFn
  >;

const scripts = {
  parleyAppend: APPEND,
  parleyClaim: CLAIM,
  parleyRelease: RELEASE,
  parleyExtend: EXTEND,
  parleyBury: BURY,
  parleyReplay: REPLAY,
};

const connect = (url: string, lazy = false): ScriptedRedis => {
  const r = new Redis(url, {
    enableAutoPipelining: true,
    maxRetriesPerRequest: 2,
    lazyConnect: lazy,
    // Fail fast when Redis is down so the gateway answers 503 instead of holding requests.
    enableOfflineQueue: false,
  });
  for (const [name, lua] of Object.entries(scripts)) r.defineCommand(name, { lua });
  return r as ScriptedRedis;
};

const fieldsOf = (raw: string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) out[raw[i]!] = raw[i + 1]!;
  return out;
};

export async function createRedisQueue(opts: RedisQueueOptions): Promise<IngestQueue> {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const tag = `{${opts.prefix}:${opts.name}}`;
  const key = {
    ready: `${tag}:ready`,
    leased: `${tag}:leased`,
    owners: `${tag}:owners`,
    lanes: `${tag}:lanes`,
    wake: `${tag}:wake`,
    attempts: `${tag}:attempts`,
    dead: `${tag}:dead`,
    stream: (lane: string) => `${tag}:lane:${lane}`,
  };
  const redis = connect(opts.url, true);
  await redis.connect();
  // BLPOP blocks its connection: each concurrent waiter takes an idle one (or opens one), so idle
  // worker loops wait side by side instead of queueing behind each other.
  const idleBlockers: ScriptedRedis[] = [];
  const allBlockers: ScriptedRedis[] = [];

  // Appends that arrive while one is in flight share the next script call: under load the gateway
  // makes one round trip and one Lua run for many webhooks; a lone append still goes at once.
  const appendGrouped = groupCommit<AppendItem>(async (items) => {
    const keys = [key.ready, key.leased, key.lanes, key.wake, ...items.map((i) => key.stream(i.lane))];
    const args = items.flatMap((i) => [i.lane, i.payload]);
    await redis.parleyAppend(keys.length, ...keys, ...args);
  }, 256);

  const queue: IngestQueue = {
    leaseMs,
    async append(items) {
      if (items.length === 0) return;
      await Promise.all(items.map(appendGrouped));
    },

    async claim(owner, maxJobs) {
      const claimed = (await redis.parleyClaim(
        4,
        key.ready,
        key.leased,
        key.owners,
        key.attempts,
        leaseMs,
        owner,
        maxJobs,
        key.stream(''),
      )) as [string, [string, string[]][], string[]] | null;
      if (!claimed) return null;
      const [lane, entries, attempts] = claimed;
      const jobs: QueueJob[] = entries.map(([id, raw], i) => {
        const f = fieldsOf(raw);
        return {
          id,
          lane,
          payload: f['p'] ?? '',
          attempts: Number(attempts[i] ?? 0),
          enqueuedAt: Number(f['t'] ?? 0),
        };
      });
      return { lane, owner, jobs };
    },

    async ack(lease: LaneLease, jobIds) {
      if (jobIds.length === 0) return;
      await Promise.all([redis.xdel(key.stream(lease.lane), ...jobIds), redis.hdel(key.attempts, ...jobIds)]);
    },

    async retry(lease, job, _error, delayMs) {
      await redis.hincrby(key.attempts, job.id, 1);
      await queue.release(lease, delayMs);
    },

    async bury(lease, job, error) {
      await redis.parleyBury(
        3,
        key.stream(lease.lane),
        key.attempts,
        key.dead,
        job.id,
        lease.lane,
        job.payload,
        job.attempts + 1,
        error,
        job.enqueuedAt,
      );
    },

    async release(lease, delayMs = 0) {
      await redis.parleyRelease(
        4,
        key.ready,
        key.leased,
        key.owners,
        key.stream(lease.lane),
        lease.lane,
        lease.owner,
        delayMs,
      );
    },

    async extend(lease) {
      return (await redis.parleyExtend(2, key.leased, key.owners, lease.lane, lease.owner, leaseMs)) === 1;
    },

    async waitForWork(timeoutMs) {
      let blocker = idleBlockers.pop();
      if (!blocker) {
        blocker = connect(opts.url, true);
        allBlockers.push(blocker);
        await blocker.connect();
      }
      try {
        await blocker.blpop(key.wake, Math.max(0.01, timeoutMs / 1000));
      } finally {
        idleBlockers.push(blocker);
      }
    },

    async stats(): Promise<QueueStats> {
      const lanes = await redis.smembers(key.lanes);
      const now = Date.now();
      const rows = await Promise.all(
        lanes.sort().map(async (lane) => {
          const [depth, first, owner] = await Promise.all([
            redis.xlen(key.stream(lane)),
            redis.xrange(key.stream(lane), '-', '+', 'COUNT', 1) as Promise<[string, string[]][]>,
            redis.hget(key.owners, lane),
          ]);
          const t = first[0] ? Number(fieldsOf(first[0][1])['t']) : null;
          return { lane, depth, oldestAgeMs: t === null ? null : Math.max(0, now - t), leasedBy: owner };
        }),
      );
      return {
        lanes: rows,
        depth: rows.reduce((s, r) => s + r.depth, 0),
        lagMs: lagOf(rows),
        dead: await redis.xlen(key.dead),
      };
    },

    async dead(limit): Promise<DeadJob[]> {
      const entries = (await redis.xrange(key.dead, '-', '+', 'COUNT', limit)) as [string, string[]][];
      return entries.map(([id, raw]) => {
        const f = fieldsOf(raw);
        return {
          id,
          lane: f['lane'] ?? '',
          payload: f['p'] ?? '',
          attempts: Number(f['attempts'] ?? 0),
          enqueuedAt: Number(f['t'] ?? 0),
          error: f['error'] ?? null,
          diedAt: Number(f['died'] ?? 0),
        };
      });
    },

    async replayDead(ids) {
      const all = await queue.dead(10_000);
      const chosen = ids ? all.filter((d) => ids.includes(d.id)) : all;
      if (chosen.length === 0) return 0;
      const keys = [
        key.dead,
        key.ready,
        key.leased,
        key.lanes,
        key.wake,
        ...chosen.map((d) => key.stream(d.lane)),
      ];
      const args = chosen.flatMap((d) => [d.id, d.lane, d.payload]);
      return Number(await redis.parleyReplay(keys.length, ...keys, ...args));
    },

    async ping() {
      await redis.ping();
    },

    async close() {
      for (const b of allBlockers) b.disconnect();
      await redis.quit();
    },
  };
  return queue;
}
