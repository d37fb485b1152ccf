import { describe, expect, it } from 'vitest';
import { SeqGate } from './dedup.ts';
import type { SyncEntry } from './protocol.ts';

const e = (seq: number): SyncEntry => ({ tenantId: 't', seq, type: 'hidden' });
const seqs = (es: SyncEntry[]) => es.map((x) => x.seq);

describe('SeqGate', () => {
  it('holds everything until the first snapshot, then releases what is after it', () => {
    const g = new SeqGate();
    expect(g.offer(e(5)).ready).toEqual([]);
    expect(g.offer(e(4)).ready).toEqual([]);
    expect(seqs(g.rebase(4))).toEqual([5]);
    expect(g.position).toBe(5);
  });

  it('drops an entry at or below the cursor as a duplicate', () => {
    const g = new SeqGate();
    g.rebase(3);
    expect(g.offer(e(3))).toEqual({ ready: [], duplicate: true });
    expect(g.offer(e(1)).duplicate).toBe(true);
  });

  it('drops a second copy of a held entry as a duplicate', () => {
    const g = new SeqGate();
    g.rebase(0);
    g.offer(e(2));
    expect(g.offer(e(2)).duplicate).toBe(true);
  });

  it('holds an entry after a hole and releases the run once the hole is filled', () => {
    const g = new SeqGate();
    g.rebase(0);
    expect(g.offer(e(2)).ready).toEqual([]);
    expect(g.offer(e(3)).ready).toEqual([]);
    expect(g.hasGap).toBe(true);
    expect(g.firstHeldSeq).toBe(2);
    expect(seqs(g.offer(e(1)).ready)).toEqual([1, 2, 3]);
    expect(g.hasGap).toBe(false);
  });

  it('keeps entries that arrive during a re-snapshot for the next rebase', () => {
    const g = new SeqGate();
    g.rebase(10);
    g.unbase();
    g.offer(e(12));
    g.offer(e(13));
    expect(seqs(g.rebase(11))).toEqual([12, 13]);
  });
});
