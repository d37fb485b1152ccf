// The concurrency proof of DESIGN rule 4, run against every database adapter: many writer
// transactions that pause at random (also after taking their seqs, while still uncommitted) and
// several readers polling by cursor. Every reader must see every entry exactly once, in seq order,
// and never seq N+1 before N. A plain bigserial fails this: an earlier value can commit later, and
// a reader that already moved past it never sees it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTenant } from '../admin/accounts.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { appendEntries, readEntries } from './event-log.ts';

export interface GapFreeSetup {
  /** Opens a database with room for `connections` concurrent clients. */
  open(connections: number): Promise<Db>;
  teardown(db: Db): Promise<void>;
  writers: number;
  readers: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (max: number) => sleep(Math.floor(Math.random() * max));

export function gapFreeContract(name: string, setup: GapFreeSetup): void {
  let db: Db;
  let tenantId: string;

  beforeAll(async () => {
    db = await setup.open(setup.writers + setup.readers + 2);
    await migrate(db);
    tenantId = (await db.tx((q) => createTenant(q, 'gap-free'))).id;
  }, 180_000);
  afterAll(() => setup.teardown(db));

  it(`${name}: every reader sees every committed entry exactly once, in seq order`, async () => {
    let writing = true;
    let written = 0;

    const writer = async (w: number) => {
      for (let round = 0; round < 5; round++) {
        const count = 1 + ((w + round) % 3);
        await db.tx(async (q) => {
          await jitter(10); // work before the log append, as a real change does
          const entries = Array.from({ length: count }, (_, i) => ({
            type: 'message.created' as const,
            entityId: `w${w}-r${round}-${i}`,
            data: { w, round, i },
          }));
          await appendEntries(q, tenantId, entries);
          // Hold the transaction open after taking seqs: the case a bigserial gets wrong.
          await jitter(15);
        });
        written += count;
      }
    };

    const reader = async () => {
      const seen: number[] = [];
      let cursor = 0;
      for (;;) {
        const done = !writing;
        const page = await readEntries(db, tenantId, cursor, 7);
        for (const e of page) {
          // Never N+1 before N: each entry read must be the one right after the cursor.
          expect(e.seq).toBe(cursor + 1);
          seen.push(e.seq);
          cursor = e.seq;
        }
        if (done && page.length === 0) return seen;
        if (page.length === 0) await jitter(3);
      }
    };

    const readers = Array.from({ length: setup.readers }, () => reader());
    await Promise.all(Array.from({ length: setup.writers }, (_, w) => writer(w)));
    writing = false;
    const results = await Promise.all(readers);

    const expected = Array.from({ length: written }, (_, i) => i + 1);
    for (const seen of results) expect(seen).toEqual(expected);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int8 AS n FROM event_log WHERE tenant_id = $1',
      [tenantId],
    );
    expect(rows[0]!.n).toBe(written);
  });
}
