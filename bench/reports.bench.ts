// Reports at size: a tenant with BENCH_REPORT_MESSAGES messages (a million by default) over 90 days,
// in conversations of ten messages (half from customers, half replies by ten agents), each resolved.
// The rows are written with the triggers on, as ingest and the API write them, so the load also
// shows what recording report events costs. Then GET /api/v1/reports for 30 and 90 days by day and
// by week, and its CSV export, each timed; baseline in the same run: GET /healthz of the same server.
// PostgreSQL only: a million rows is not what the embedded default is for (docs/reports.md).
import { performance } from 'node:perf_hooks';
import { createAgent } from '../packages/server/src/admin/accounts.ts';
import { createApiToken } from '../packages/server/src/auth/credentials.ts';
import { createTestDatabase, postgresAvailable } from '../packages/server/src/test-support/services.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-support/test-server.ts';
import { type Cell, machineNote, printTable, ratio } from './support/table.ts';
import { timedGets } from './support/timed-gets.ts';

const MESSAGES = Number(process.env.BENCH_REPORT_MESSAGES ?? 1_000_000);
const PER = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const DAYS = 90;

async function seed(server: TestServer): Promise<{ loadSeconds: number; events: number }> {
  const { db } = server.ctx;
  const t = server.admin.tenantId;
  const conversations = Math.ceil(MESSAGES / PER);
  const agents: string[] = [];
  for (let i = 0; i < 10; i++)
    agents.push(
      (await createAgent(db, t, { email: `a${i}@bench.test`, name: `Agent ${i}`, role: 'agent' })).id,
    );
  const t0 = performance.now();
  await db.tx(async (q) => {
    const ch = await q.query<{ id: string }>('SELECT id FROM channels WHERE tenant_id = $1 LIMIT 1', [t]);
    await q.query(
      `INSERT INTO contacts (tenant_id, wa_id) SELECT $1, (5511900000000 + g)::text FROM generate_series(1, $2) g`,
      [t, conversations],
    );
    // Conversations open over the last DAYS days, each assigned to one of the agents.
    await q.query(
      `INSERT INTO conversations (tenant_id, channel_id, contact_id, assignee_id, labels, created_at)
       SELECT $1, $2, k.id, ($3::uuid[])[1 + (row_number() OVER ()) % 10],
              CASE WHEN (row_number() OVER ()) % 3 = 0 THEN '{vip}'::text[] ELSE '{}'::text[] END,
              now() - make_interval(secs => ((row_number() OVER ()) * 7919) % ($4 * 86400))
       FROM contacts k WHERE k.tenant_id = $1`,
      [t, ch.rows[0]!.id, agents, DAYS],
    );
    // Messages alternate customer and agent, a few minutes apart after the conversation opened.
    await q.query(
      `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, author_id, created_at)
       SELECT $1, c.id, CASE WHEN g % 2 = 1 THEN 'in' ELSE 'out' END, 'text', '{"body":"x"}', 'delivered',
              CASE WHEN g % 2 = 0 THEN c.assignee_id END, c.created_at + make_interval(mins => g * 3)
       FROM conversations c, generate_series(1, $2) g WHERE c.tenant_id = $1`,
      [t, PER],
    );
    await q.query(
      `UPDATE conversations SET status = 'resolved', updated_at = created_at + interval '2 hours' WHERE tenant_id = $1`,
      [t],
    );
  });
  const loadSeconds = (performance.now() - t0) / 1000;
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM report_events WHERE tenant_id = $1',
    [t],
  );
  return { loadSeconds, events: Number(rows[0]!.n) };
}

const pg = await postgresAvailable();
if (!pg.ok) {
  console.log(`reports bench: PostgreSQL not reachable (${pg.reason}); nothing measured`);
  process.exit(0);
}
const database = await createTestDatabase();
const server = await startTestServer({ databaseUrl: database.url });
const rows: Cell[][] = [];
const notes = [machineNote()];
try {
  const { loadSeconds, events } = await seed(server);
  notes.push(
    `loaded ${MESSAGES.toLocaleString('en')} messages in ${Math.ceil(MESSAGES / PER).toLocaleString('en')} conversations with the report triggers on: ${loadSeconds.toFixed(1)} s, ${events.toLocaleString('en')} report events`,
  );
  const owner = await server.ctx.db.query<{ id: string }>(
    "SELECT id FROM agents WHERE tenant_id = $1 AND role = 'owner' LIMIT 1",
    [server.admin.tenantId],
  );
  const { token } = await createApiToken(server.ctx.db, server.admin.tenantId, 'bench', {
    agentId: owner.rows[0]!.id,
  });
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const base = await timedGets(`${server.baseUrl}/healthz`, token, RUNS);
  rows.push(['GET /healthz (baseline)', base.p50, base.p95, '1.00×']);
  for (const [name, path] of [
    ['30 days by day', `/api/v1/reports?from=${day(30)}&to=${day(0)}&timeZone=America/Sao_Paulo`],
    ['90 days by day', `/api/v1/reports?from=${day(DAYS)}&to=${day(0)}&timeZone=America/Sao_Paulo`],
    ['90 days by week', `/api/v1/reports?from=${day(DAYS)}&to=${day(0)}&interval=week`],
    ['90 days, one agent', `/api/v1/reports?from=${day(DAYS)}&to=${day(0)}&agentId=${'AGENT'}`],
    ['CSV, 90 days by day', `/api/v1/reports/export?from=${day(DAYS)}&to=${day(0)}`],
  ] as const) {
    let url: string = path;
    if (url.includes('AGENT')) {
      const a = await server.ctx.db.query<{ id: string }>(
        "SELECT id FROM agents WHERE tenant_id = $1 AND role = 'agent' LIMIT 1",
        [server.admin.tenantId],
      );
      url = url.replace('AGENT', a.rows[0]!.id);
    }
    const t = await timedGets(`${server.baseUrl}${url}`, token, RUNS);
    rows.push([name, t.p50, t.p95, ratio(t.p50, base.p50)]);
  }
} finally {
  await server.stop();
  await database.drop();
}
printTable(
  `Reports over ${MESSAGES.toLocaleString('en')} messages (PostgreSQL), ${RUNS} sequential requests each`,
  ['request', 'p50 ms', 'p95 ms', 'p50 / baseline'],
  rows,
  notes,
);
