// Who is within the presence grace period (their last socket closed a moment ago), across nodes.
// Sockets are counted cluster-wide by the adapter's rooms; a grace period has no socket to count,
// so the node that starts one records it here, and every node's presenceOf reads it. In process
// for one node (the embedded default and PostgreSQL-only mode), Redis in scale mode.
import type { Redis } from 'ioredis';

export interface GraceStore {
  /** The agent's last socket on a node closed: it is shown until `untilMs` (a later one wins). */
  begin(tenantId: string, agentId: string, untilMs: number): Promise<void>;
  /** A socket of the agent connected: no grace is needed. */
  end(tenantId: string, agentId: string): Promise<void>;
  /** Agents of the tenant whose grace runs past `afterMs`, whichever node began it. */
  runningPast(tenantId: string, afterMs: number): Promise<Set<string>>;
}

export function createInProcessGraceStore(): GraceStore {
  const byTenant = new Map<string, Map<string, number>>();
  return {
    async begin(tenantId, agentId, untilMs) {
      const held = byTenant.get(tenantId) ?? new Map<string, number>();
      byTenant.set(tenantId, held);
      held.set(agentId, Math.max(untilMs, held.get(agentId) ?? 0));
    },
    async end(tenantId, agentId) {
      byTenant.get(tenantId)?.delete(agentId);
    },
    async runningPast(tenantId, afterMs) {
      const held = byTenant.get(tenantId);
      const out = new Set<string>();
      for (const [agentId, until] of held ?? []) {
        if (until > afterMs) out.add(agentId);
        else if (until < Date.now()) held?.delete(agentId);
      }
      return out;
    },
  };
}

/** Kept past its end for a while, so a node that reads late still sees it ended, then dropped. */
const KEEP_ENDED_MS = 60_000;

/**
 * One sorted set per tenant: member agent id, score the time its grace ends. Single-key commands
 * only, so it runs on Redis Cluster. Times are the writing node's clock; nodes are assumed to keep
 * NTP time, and a skew shifts a grace end by that much, no more.
 */
export function createRedisGraceStore(redis: Redis, prefix: string): GraceStore {
  const key = (tenantId: string) => `${prefix}:presence-grace:${tenantId}`;
  return {
    async begin(tenantId, agentId, untilMs) {
      const replies = await redis
        .multi()
        .zadd(key(tenantId), 'GT', untilMs, agentId)
        .pexpireat(key(tenantId), untilMs + KEEP_ENDED_MS)
        .exec();
      // A transaction reports a failed command in its reply instead of rejecting.
      for (const [err] of replies ?? []) if (err) throw err;
    },
    async end(tenantId, agentId) {
      await redis.zrem(key(tenantId), agentId);
    },
    async runningPast(tenantId, afterMs) {
      const k = key(tenantId);
      const [, running] = await Promise.all([
        redis.zremrangebyscore(k, '-inf', Date.now() - KEEP_ENDED_MS),
        redis.zrangebyscore(k, `(${afterMs}`, '+inf'),
      ]);
      return new Set(running);
    },
  };
}
