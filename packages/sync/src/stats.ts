// Observability counters (DESIGN: a stall must be visible). Read with store.stats(), or pushed to
// the `onStats` callback at most once per frame.

export interface LatencyStats {
  /** Entries whose data had `updatedAt` (the only server time we trust for this). */
  count: number;
  lastMs: number;
  maxMs: number;
  meanMs: number;
}

export interface SyncStats {
  /** Entries delivered more than once (socket + pull, replays, redelivery), dropped at the edge. */
  duplicatesDropped: number;
  /** Holes in seq detected and then filled (by a late delivery or a pull). */
  gapsHealed: number;
  /** Entries older than the held version of their entity, dropped. */
  staleDropped: number;
  /** Entries the socket missed that a reconcile pull (reconnect, wake, tick, poll) brought in. */
  reconciliationRepairs: number;
  /** Full reloads because the cursor expired (410) or the store started. */
  snapshots: number;
  /** Entries applied (visible ones; hidden entries only move the cursor). */
  entriesApplied: number;
  /** Entries of another tenant or of a shape we cannot read, dropped. */
  rejectedEntries: number;
  pulls: number;
  latency: LatencyStats;
}

export function emptyStats(): SyncStats {
  return {
    duplicatesDropped: 0,
    gapsHealed: 0,
    staleDropped: 0,
    reconciliationRepairs: 0,
    snapshots: 0,
    entriesApplied: 0,
    rejectedEntries: 0,
    pulls: 0,
    latency: { count: 0, lastMs: 0, maxMs: 0, meanMs: 0 },
  };
}

/** Event latency: server change time (data.updatedAt) → applied here. Clock skew can make it < 0. */
export function recordLatency(s: SyncStats, data: Readonly<Record<string, unknown>>, nowMs: number): void {
  const at = data['updatedAt'];
  if (typeof at !== 'string') return;
  const t = Date.parse(at);
  if (Number.isNaN(t)) return;
  const ms = nowMs - t;
  const l = s.latency;
  l.count += 1;
  l.lastMs = ms;
  l.maxMs = Math.max(l.maxMs, ms);
  l.meanMs += (ms - l.meanMs) / l.count;
}
