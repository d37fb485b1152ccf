// The cursor keeper. Every entry, from the socket or a pull, goes through one gate (dedup by seq,
// strict order), then into EntityState. Holes trigger a pull from /api/v1/sync; an expired cursor
// (410) triggers a re-snapshot, and so does an entry that changes what the reader may see (its
// role, teams or channels: the server logs nothing per conversation then). Snapshot rows fetched
// while live entries flow are reconciled by recording the entries applied during the fetch and
// replaying them over the rows (versions make the replay idempotent), so nothing is lost in the
// race between a snapshot and the live stream.
import type { Clock, TimerId } from './clock.ts';
import { SeqGate } from './dedup.ts';
import type { EntityState } from './entity-state.ts';
import { isHidden, type LogEntry, type SyncEntry, SyncEntrySchema, SyncPageSchema } from './protocol.ts';
import { recordLatency, type SyncStats } from './stats.ts';
import { NetworkError, type Transport } from './transport.ts';

export type PullReason = 'gap' | 'reconnect' | 'wake' | 'tick' | 'poll' | 'write' | 'manual';

/** What a (re-)snapshot fetched: the cursor its rows are consistent with, and how to put them in. */
export interface SnapshotBundle {
  cursor: number;
  apply(): void;
}

export interface EngineOptions {
  transport: Transport;
  state: EntityState;
  stats: SyncStats;
  clock: Clock;
  tenantId: () => string | null;
  /** Fetches every snapshot the store needs (lists, open threads); throws NetworkError offline. */
  loadSnapshot: () => Promise<SnapshotBundle>;
  /** True for an entry that changes what the reader may see: re-snapshot once it is applied. */
  changesSight?: (entry: LogEntry) => boolean;
  onChange: () => void;
  onError: (err: unknown) => void;
  pullLimit: number;
  gapGraceMs: number;
  retryMs: number;
}

export class SyncEngine {
  private readonly gate = new SeqGate();
  private gapOpen = false;
  private gapTimer: TimerId | null = null;
  private pulling: Promise<void> | null = null;
  private pullAgain: PullReason | null = null;
  private snapshotting: Promise<void> | null = null;
  private generation = 0;
  private recorders = 0;
  private recorded: LogEntry[] = [];
  private stopped = false;
  /** Seq of the last entry that asked for a re-snapshot: a replay of it after a rebase never asks again. */
  private sightSeq = 0;
  private snapshotAgain = false;

  constructor(private readonly o: EngineOptions) {}

  get cursor(): number | null {
    return this.gate.position;
  }

  get busy(): boolean {
    return this.pulling !== null || this.snapshotting !== null || this.gapTimer !== null;
  }

  stop(): void {
    this.stopped = true;
    if (this.gapTimer !== null) this.o.clock.clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  /** A raw payload from the socket, or an entry of a sync page. */
  ingest(payload: unknown, reason: PullReason | 'socket'): void {
    const parsed = SyncEntrySchema.safeParse(payload);
    const tenant = this.o.tenantId();
    if (!parsed.success || (tenant !== null && parsed.data.tenantId !== tenant)) {
      this.o.stats.rejectedEntries += 1;
      return;
    }
    const { ready, duplicate } = this.gate.offer(parsed.data);
    if (duplicate) this.o.stats.duplicatesDropped += 1;
    this.applyReady(ready, reason);
    this.watchGap();
  }

  /** Pulls from the cursor until the server has nothing more. Concurrent calls share one loop. */
  pull(reason: PullReason): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.gate.position === null) return this.snapshotting ?? Promise.resolve();
    if (this.pulling) {
      this.pullAgain ??= reason;
      return this.pulling;
    }
    this.pulling = this.pullLoop(reason).finally(() => {
      this.pulling = null;
      const again = this.pullAgain;
      this.pullAgain = null;
      if (again) void this.pull(again);
      else this.watchGap();
    });
    return this.pulling;
  }

  /** Forgets the cursor and reloads every snapshot; concurrent calls share one reload. */
  resnapshot(): Promise<void> {
    if (this.snapshotting) return this.snapshotting;
    this.generation += 1;
    this.gate.unbase();
    this.o.stats.snapshots += 1;
    this.snapshotting = this.snapshotLoop().finally(() => {
      this.snapshotting = null;
      if (this.snapshotAgain && !this.stopped) {
        this.snapshotAgain = false;
        void this.resnapshot();
      }
      this.o.onChange();
    });
    return this.snapshotting;
  }

  /**
   * Fetches rows while live entries keep flowing, then puts them in and replays what was applied
   * meanwhile. A fetch that straddles a re-snapshot is done again, since its rows predate it.
   */
  async fetchRows<T>(fetch: () => Promise<T>, put: (value: T) => void): Promise<T> {
    for (;;) {
      if (this.snapshotting) await this.snapshotting;
      const generation = this.generation;
      this.recorders += 1;
      const from = this.recorded.length;
      try {
        const value = await fetch();
        if (generation !== this.generation || this.gate.position === null) continue;
        put(value);
        for (const e of this.recorded.slice(from)) this.o.state.apply(e);
        this.o.onChange();
        return value;
      } finally {
        this.recorders -= 1;
        if (this.recorders === 0) this.recorded = [];
      }
    }
  }

  private async snapshotLoop(): Promise<void> {
    for (;;) {
      const generation = this.generation;
      try {
        const bundle = await this.o.loadSnapshot();
        if (this.stopped || generation !== this.generation) return;
        this.o.state.clear();
        bundle.apply();
        this.applyReady(this.gate.rebase(bundle.cursor), 'socket');
        this.watchGap();
        return;
      } catch (err) {
        if (this.stopped) return;
        if (!(err instanceof NetworkError)) this.o.onError(err);
        await sleep(this.o.clock, this.o.retryMs);
      }
    }
  }

  private async pullLoop(reason: PullReason): Promise<void> {
    this.o.stats.pulls += 1;
    for (let rounds = 0; rounds < 1000 && !this.stopped; rounds++) {
      const cursor = this.gate.position;
      if (cursor === null) return;
      let res: Awaited<ReturnType<Transport['request']>>;
      try {
        res = await this.o.transport.request(
          'GET',
          `/api/v1/sync?cursor=${cursor}&limit=${this.o.pullLimit}`,
        );
      } catch (err) {
        if (!(err instanceof NetworkError)) this.o.onError(err);
        return; // offline: the next tick, wake or reconnect pulls again
      }
      if (res.status === 410) {
        void this.resnapshot();
        return;
      }
      const page = SyncPageSchema.safeParse(res.body);
      if (res.status !== 200 || !page.success) {
        this.o.onError(new Error(`GET /api/v1/sync answered ${res.status}; will retry on the next tick`));
        return;
      }
      for (const e of page.data.entries) this.ingest(e, reason);
      this.o.onChange();
      // No progress means the server has nothing past our cursor (yet): stop, do not spin.
      if (!page.data.hasMore || this.gate.position === cursor) return;
    }
  }

  private applyReady(entries: SyncEntry[], reason: PullReason | 'socket'): void {
    const s = this.o.stats;
    let sightChanged = false;
    for (const e of entries) {
      if (isHidden(e)) continue;
      if (this.recorders > 0) this.recorded.push(e);
      const outcome = this.o.state.apply(e);
      if (e.seq > this.sightSeq && this.o.changesSight?.(e)) {
        this.sightSeq = e.seq;
        sightChanged = true;
      }
      if (outcome === 'stale') s.staleDropped += 1;
      if (outcome !== 'applied') continue;
      s.entriesApplied += 1;
      if (reason === 'socket') recordLatency(s, e.data, this.o.clock.now());
      else if (reason !== 'gap' && reason !== 'write') s.reconciliationRepairs += 1;
    }
    if (entries.length > 0) this.o.onChange();
    if (sightChanged) this.resnapshotForSight();
  }

  private resnapshotForSight(): void {
    if (this.stopped) return;
    // Called from a rebase: the rows just put in may have been read before the change.
    if (this.snapshotting) this.snapshotAgain = true;
    else void this.resnapshot();
  }

  // A hole is given a short grace (a reordered delivery may fill it), then pulled.
  private watchGap(): void {
    if (this.gate.hasGap) {
      this.gapOpen = true;
      if (this.gapTimer === null && !this.pulling && !this.stopped) {
        this.gapTimer = this.o.clock.setTimeout(() => {
          this.gapTimer = null;
          void this.pull('gap');
        }, this.o.gapGraceMs);
      }
      return;
    }
    if (this.gapOpen) {
      this.gapOpen = false;
      this.o.stats.gapsHealed += 1;
    }
    if (this.gapTimer !== null) {
      this.o.clock.clearTimeout(this.gapTimer);
      this.gapTimer = null;
    }
  }
}

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
