// The ingest queue port: lanes (one per tenant) of at-least-once jobs. A worker leases a whole
// lane, so jobs of one lane run in arrival order and one lane never holds up another: released
// lanes go to the back of the rotation. Adapters: embedded.ts (a table, PGlite or PostgreSQL) and
// redis.ts (Redis streams and Lua scripts).

export interface QueueJob {
  id: string;
  lane: string;
  payload: string;
  attempts: number;
  /** When the job was appended, in ms since the epoch (the queue's clock). */
  enqueuedAt: number;
}

export interface LaneLease {
  lane: string;
  owner: string;
  jobs: QueueJob[];
}

export interface LaneStats {
  lane: string;
  depth: number;
  oldestAgeMs: number | null;
  leasedBy: string | null;
}

export interface QueueStats {
  lanes: LaneStats[];
  depth: number;
  /** Age of the oldest waiting job of any lane, in ms (null when nothing waits): the ingest lag. */
  lagMs: number | null;
  dead: number;
}

/** The queue-wide lag: the oldest waiting job's age. */
export const lagOf = (lanes: readonly LaneStats[]): number | null =>
  lanes.reduce<number | null>(
    (max, l) => (l.oldestAgeMs === null ? max : Math.max(max ?? 0, l.oldestAgeMs)),
    null,
  );

export interface DeadJob extends QueueJob {
  error: string | null;
  diedAt: number;
}

export interface AppendItem {
  lane: string;
  payload: string;
}

export interface IngestQueue {
  /** How long a claim holds its lane unless extended; a dead worker's lanes return after this. */
  readonly leaseMs: number;
  /** Resolves once every item is durable; rejects (and nothing may be acked) otherwise. */
  append(items: readonly AppendItem[]): Promise<void>;
  /** Leases the lane that has waited longest and returns up to maxJobs of its oldest jobs. */
  claim(owner: string, maxJobs: number): Promise<LaneLease | null>;
  /** Removes jobs whose effects have committed. */
  ack(lease: LaneLease, jobIds: readonly string[]): Promise<void>;
  /** Counts a failed attempt; the job stays at the head of its lane, which waits delayMs. */
  retry(lease: LaneLease, job: QueueJob, error: string, delayMs: number): Promise<void>;
  /** Moves a job that keeps failing to the dead-letter set. */
  bury(lease: LaneLease, job: QueueJob, error: string): Promise<void>;
  /** Gives the lane back; it rejoins the rotation (at the back) if it still has jobs. */
  release(lease: LaneLease, delayMs?: number): Promise<void>;
  /** Keeps a long-running lease alive. */
  extend(lease: LaneLease): Promise<boolean>;
  /** Resolves when work may be available, or after timeoutMs. */
  waitForWork(timeoutMs: number): Promise<void>;
  stats(): Promise<QueueStats>;
  dead(limit: number): Promise<DeadJob[]>;
  /** Puts dead jobs back at the end of their lanes; all of them when ids is omitted. */
  replayDead(ids?: readonly string[]): Promise<number>;
  /** Answers when the backing store is reachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 15_000;

// The ingest queue's lease is short, so a SIGKILLed worker's lanes are taken over within seconds;
// a live worker extends its lease every third of it while it writes.
export const INGEST_LEASE_MS = 5_000;
