// Automatic assignment: what it adds to ingest, and one decision at size.
//
// 1. Added ingest latency: the assignment hook after a batch that created a conversation (a full
//    decision: rules, candidates, locks, event, audit), and after a batch of plain messages (the
//    common case: one query to learn that no channel is out of hours with an auto-reply).
// 2. At size: BENCH_AGENTS agents (1,000) with BENCH_OPEN open conversations (100,000) between
//    them, each agent with a capacity; one decision for a new conversation, round robin and
//    balanced.
// Baselines in the same run and database: an empty transaction (BEGIN; SELECT 1; COMMIT), and one
// logged change (a row, its event-log entry, a commit that writes: what every REST action pays),
// the floor of any decision that commits; ratios are against the latter. Runs on the embedded default (PGlite in memory) and, when
// reachable, PostgreSQL. Standalone: node --import tsx bench/assignment.bench.ts
import { performance } from 'node:perf_hooks';
import { assignConversation } from '../packages/server/src/assignment/assign-conversation.ts';
import { createWorld, type World } from '../packages/server/src/assignment/assignment.test-support.ts';
import { createAssignmentHook } from '../packages/server/src/assignment/assignment-hook.ts';
import { commitChanges } from '../packages/server/src/events/commit-changes.ts';
import type { AfterCommit } from '../packages/server/src/hooks/persist-hook.ts';
import { createInProcessPubSub } from '../packages/server/src/pubsub/in-process.ts';
import type { Db } from '../packages/server/src/store/db.ts';
import { migrate } from '../packages/server/src/store/migrate.ts';
import { openPglite } from '../packages/server/src/store/pglite.ts';
import { openPostgres } from '../packages/server/src/store/postgres.ts';
import { createTestDatabase, postgresAvailable } from '../packages/server/src/test-support/services.ts';
import { type Cell, printTable, ratio } from './support/table.ts';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 1_000);
const OPEN = Number(process.env.BENCH_OPEN ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 400);

interface Stats {
  p50: number;
  p99: number;
}

async function sample(runs: number, prepare: () => Promise<() => Promise<unknown>>): Promise<Stats> {
  const ms: number[] = [];
  // A tenth more, thrown away: JIT and plan caches warm up first.
  const warm = Math.ceil(runs / 10);
  for (let i = 0; i < runs + warm; i++) {
    const run = await prepare();
    const t0 = performance.now();
    await run();
    if (i >= warm) ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return {
    p50: ms[Math.floor(ms.length / 2)]!,
    p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))]!,
  };
}

const outcomeFor = (w: World, conversationId: string, created: boolean): AfterCommit => ({
  newMessages: [
    { messageId: 'bench', conversationId, channelId: w.channelId, kind: 'text', created, reopened: false },
  ],
});

/** Spreads OPEN open conversations over the world's agents, each agent with room to spare. */
async function seedAtSize(db: Db, w: World): Promise<void> {
  await db.tx(async (q) => {
    await q.query(
      `INSERT INTO contacts (tenant_id, wa_id) SELECT $1, 'bench-' || g FROM generate_series(1, $2) g`,
      [w.tenantId, OPEN],
    );
    await q.query(
      `INSERT INTO conversations (tenant_id, channel_id, contact_id, assignee_id, last_message_at, last_inbound_at)
       SELECT $1, $2, k.id, ($3::uuid[])[1 + (row_number() OVER () % $4)], now(), now()
       FROM contacts k WHERE k.tenant_id = $1 AND k.wa_id LIKE 'bench-%'`,
      [w.tenantId, w.channelId, w.agentIds, w.agentIds.length],
    );
    const room = Math.ceil(OPEN / w.agentIds.length) * 2 + RUNS * 4;
    await q.query(
      'INSERT INTO assignment_agents (agent_id, tenant_id, max_open) SELECT a, $1, $2 FROM unnest($3::uuid[]) a',
      [w.tenantId, room, w.agentIds],
    );
  });
  // The steady state: autovacuum has cleared the load counter's dead row versions.
  await db.query('VACUUM ANALYZE');
}

async function measure(label: string, db: Db): Promise<Cell[][]> {
  await migrate(db);
  const rows: Cell[][] = [];
  const baseline = await sample(RUNS, async () => () => db.tx((q) => q.query('SELECT 1')));
  rows.push([label, 'baseline: empty transaction', baseline.p50, baseline.p99, '', '']);

  const small = await createWorld(db, { agents: 10, name: 'Small' });
  // Any logged change pays this much: its row, its event-log entry and a commit that writes.
  const logged = await small.conversation();
  const pubsub = createInProcessPubSub();
  const change = await sample(
    RUNS,
    async () => () =>
      commitChanges(db, pubsub, 'bench', small.tenantId, async (q) => {
        await q.query('UPDATE conversations SET updated_at = now() WHERE id = $1', [logged.id]);
        return { value: null, entries: [{ type: 'conversation.updated', entityId: logged.id, data: {} }] };
      }),
  );
  rows.push([label, 'baseline: one logged change', change.p50, change.p99, '', '']);
  await small.rules({ policy: 'round_robin' });
  const hook = createAssignmentHook(small.deps);
  const created = await sample(RUNS, async () => {
    const c = await small.conversation();
    return () => hook.afterPersist(small.tenantId, outcomeFor(small, c.id, true));
  });
  rows.push([
    label,
    'ingest hook: new conversation',
    created.p50,
    created.p99,
    '≤ 2 ms',
    ratio(created.p99, change.p99),
  ]);
  const manual = await createWorld(db, { agents: 10, name: 'Manual' });
  const manualHook = createAssignmentHook(manual.deps);
  const byHand = await sample(RUNS, async () => {
    const c = await manual.conversation();
    return () => manualHook.afterPersist(manual.tenantId, outcomeFor(manual, c.id, true));
  });
  rows.push([
    label,
    'ingest hook: new conversation, manual (default)',
    byHand.p50,
    byHand.p99,
    '≤ 2 ms',
    ratio(byHand.p99, change.p99),
  ]);
  const existing = await small.conversation();
  const message = await sample(
    RUNS,
    async () => () => hook.afterPersist(small.tenantId, outcomeFor(small, existing.id, false)),
  );
  rows.push([
    label,
    'ingest hook: message, open thread',
    message.p50,
    message.p99,
    '≤ 2 ms',
    ratio(message.p99, change.p99),
  ]);

  const big = await createWorld(db, { agents: AGENTS, name: 'Big' });
  const t0 = performance.now();
  await seedAtSize(db, big);
  const seeded = ((performance.now() - t0) / 1000).toFixed(1);
  for (const policy of ['round_robin', 'balanced'] as const) {
    await big.rules({ policy });
    const s = await sample(RUNS, async () => {
      const c = await big.conversation();
      return () => assignConversation(big.deps, big.tenantId, c.id, 'created');
    });
    rows.push([
      label,
      `decision, ${AGENTS} agents / ${OPEN} open: ${policy}`,
      s.p50,
      s.p99,
      '≤ 5 ms',
      ratio(s.p99, change.p99),
    ]);
  }
  process.stderr.write(`${label}: seeded ${OPEN} open conversations in ${seeded} s\n`);
  return rows;
}

const rows: Cell[][] = [];
const lite = await openPglite(null);
try {
  rows.push(...(await measure('embedded (PGlite)', lite)));
} finally {
  await lite.close();
}
const pg = await postgresAvailable();
if (pg.ok) {
  const tdb = await createTestDatabase();
  const db = await openPostgres(tdb.url);
  try {
    rows.push(...(await measure('PostgreSQL', db)));
  } finally {
    await db.close();
    await tdb.drop();
  }
}
printTable(
  'Assignment: added ingest latency and one decision at size (ms)',
  ['database', 'what', 'p50', 'p99', 'target', 'p99 / logged change'],
  rows,
  [
    `${RUNS} runs each after a tenth more to warm up; one process, one decision at a time.`,
    'A decision commits: it takes the channel lock, the agent lock and the tenant event counter.',
    pg.ok ? 'PostgreSQL: a fresh database on the local server.' : `PostgreSQL skipped: ${pg.reason}`,
  ],
);
