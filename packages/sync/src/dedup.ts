// The edge of the store: entries come in from the socket and from pulls, in any order, any number
// of times. The gate lets each seq through exactly once and strictly in order, holding early ones
// until the gap before them is filled (by a late delivery or a pull).
import type { SyncEntry } from './protocol.ts';

export interface GateResult {
  /** Entries now ready, in ascending seq with no hole. */
  ready: SyncEntry[];
  duplicate: boolean;
}

export class SeqGate {
  /** Seq of the last entry let through; null before the first snapshot (everything is held). */
  private cursor: number | null = null;
  private readonly held = new Map<number, SyncEntry>();

  get position(): number | null {
    return this.cursor;
  }

  /** True when entries are held beyond a hole: the store is missing something. */
  get hasGap(): boolean {
    return this.cursor !== null && this.held.size > 0;
  }

  /** A seq the gate can let through only after a pull, or null. */
  get firstHeldSeq(): number | null {
    let min: number | null = null;
    for (const s of this.held.keys()) if (min === null || s < min) min = s;
    return min;
  }

  offer(entry: SyncEntry): GateResult {
    if ((this.cursor !== null && entry.seq <= this.cursor) || this.held.has(entry.seq)) {
      return { ready: [], duplicate: true };
    }
    this.held.set(entry.seq, entry);
    return { ready: this.drain(), duplicate: false };
  }

  /**
   * Sets the position a snapshot is consistent with. Entries held at or below it are already in the
   * snapshot and are dropped; those above it are released in order.
   */
  rebase(cursor: number): SyncEntry[] {
    this.cursor = cursor;
    for (const s of this.held.keys()) if (s <= cursor) this.held.delete(s);
    return this.drain();
  }

  /** Forget the position (re-snapshot); entries that arrive meanwhile are held for the next rebase. */
  unbase(): void {
    this.cursor = null;
  }

  private drain(): SyncEntry[] {
    const ready: SyncEntry[] = [];
    if (this.cursor === null) return ready;
    for (let next = this.held.get(this.cursor + 1); next; next = this.held.get(this.cursor + 1)) {
      this.held.delete(next.seq);
      this.cursor = next.seq;
      ready.push(next);
    }
    return ready;
  }
}
