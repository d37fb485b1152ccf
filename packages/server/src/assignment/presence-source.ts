// Where "online only" learns who is online. The realtime role's live presence (sockets across
// nodes, with its grace period: realtime/presence.ts) fits this port as it is; a worker running
// without the realtime role in its process falls back to each agent's chosen availability.
import type { Queryable } from '../store/db.ts';
import type { PresenceStatus } from './policy.ts';

export interface PresenceSource {
  /** Every agent of the tenant that is not offline; agents missing from the map are offline. */
  presenceOf(tenantId: string): Promise<Map<string, PresenceStatus>>;
}

/** The availability each agent chose (agents.availability), without knowing who is connected. */
export function availabilityPresence(db: Queryable): PresenceSource {
  return {
    async presenceOf(tenantId) {
      const { rows } = await db.query<{ id: string; availability: PresenceStatus }>(
        'SELECT id, availability FROM agents WHERE tenant_id = $1 AND NOT disabled',
        [tenantId],
      );
      return new Map(rows.map((r) => [r.id, r.availability]));
    },
  };
}

/** A fixed answer, for tests and the benchmark. */
export const fixedPresence = (status: Map<string, PresenceStatus>): PresenceSource => ({
  presenceOf: async () => status,
});

/**
 * Remembers each tenant's answer for a moment. Live presence asks every realtime node (through
 * the Redis adapter in scale mode); a burst of new conversations shares one such round.
 */
export function cachedPresence(
  source: PresenceSource,
  ttlMs: number,
  now = () => Date.now(),
): PresenceSource {
  const cache = new Map<string, { at: number; value: Promise<Map<string, PresenceStatus>> }>();
  return {
    presenceOf(tenantId) {
      const hit = cache.get(tenantId);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = source.presenceOf(tenantId);
      cache.set(tenantId, { at: now(), value });
      // A failed answer is not kept: the next decision asks again.
      value.catch(() => cache.delete(tenantId));
      return value;
    },
  };
}
