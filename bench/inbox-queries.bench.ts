// The inbox's read paths at size: the conversation list with unread counts, full-text search (a
// rare word and a common one) and the contact finder, over a tenant with BENCH_CONVERSATIONS
// conversations of BENCH_MESSAGES_PER messages each, on the embedded default and (when reachable)
// PostgreSQL. Baseline in the same run: GET /healthz of the same server (Fastify, no database).
import { createApiToken } from '../packages/server/src/auth/credentials.ts';
import { createTestDatabase, postgresAvailable } from '../packages/server/src/test-support/services.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-support/test-server.ts';
import { type Cell, printTable, ratio } from './support/table.ts';
import { timedGets } from './support/timed-gets.ts';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 5_000);
const PER = Number(process.env.BENCH_MESSAGES_PER ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

async function seed(server: TestServer): Promise<void> {
  const { db } = server.ctx;
  const tenantId = server.admin.tenantId;
  const words = ['hello', 'price', 'order', 'thanks', 'delivery', 'invoice', 'tomorrow', 'refund'];
  await db.tx(async (q) => {
    const ch = await q.query<{ id: string }>('SELECT id FROM channels WHERE tenant_id = $1 LIMIT 1', [
      tenantId,
    ]);
    await q.query(
      `INSERT INTO contacts (tenant_id, wa_id, name, phone)
       SELECT $1, (5511900000000 + g)::text, 'Customer ' || g, (5511900000000 + g)::text FROM generate_series(1, $2) g`,
      [tenantId, CONVERSATIONS],
    );
    await q.query(
      `INSERT INTO conversations (tenant_id, channel_id, contact_id, last_message_at, last_inbound_at)
       SELECT $1, $2, k.id, now() - make_interval(secs => row_number() OVER ()), now() FROM contacts k WHERE k.tenant_id = $1`,
      [tenantId, ch.rows[0]!.id],
    );
    // Every message has a common word; one in a thousand has "zanzibar".
    await q.query(
      `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, created_at)
       SELECT $1, c.id, 'in', 'text',
              jsonb_build_object('kind', 'text', 'body',
                ($3::text[])[1 + (g % 8)] || ' ' || ($3::text[])[1 + ((g / 8) % 8)] || CASE WHEN g % 1000 = 0 THEN ' zanzibar' ELSE '' END),
              'received', now() - make_interval(secs => g)
       FROM conversations c, generate_series(1, $2) g WHERE c.tenant_id = $1`,
      [tenantId, PER, words],
    );
  });
  // What autovacuum does soon after a bulk load: it also empties the GIN indexes' pending lists,
  // which a lookup otherwise scans row by row (24 ms instead of 0.05 ms for a rare word here).
  await db.query('VACUUM ANALYZE');
}

async function measure(label: string, server: TestServer): Promise<Cell[][]> {
  await seed(server);
  const { rows } = await server.ctx.db.query<{ id: string }>(
    "SELECT id FROM agents WHERE tenant_id = $1 AND role = 'owner' LIMIT 1",
    [server.admin.tenantId],
  );
  const { token } = await createApiToken(server.ctx.db, server.admin.tenantId, 'bench', {
    agentId: rows[0]!.id,
  });
  const plan = await server.ctx.db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT m.id FROM messages m WHERE m.tenant_id = $1 AND to_tsvector('simple', coalesce(m.body ->> 'body', '') || ' ' || coalesce(m.body ->> 'caption', '')) @@ websearch_to_tsquery('simple', 'zanzibar')`,
    [server.admin.tenantId],
  );
  const usesIndex = plan.rows.some((r) => r['QUERY PLAN'].includes('messages_search_idx'));
  const base = await timedGets(`${server.baseUrl}/healthz`, token, RUNS);
  const out: Cell[][] = [[label, 'GET /healthz (baseline)', base.p50, base.p95, '1.00×']];
  for (const [name, path] of [
    ['conversation list, 50 rows + unread', '/api/v1/conversations?limit=50'],
    ['search, rare word (0.1 %)', '/api/v1/search?q=zanzibar&limit=20'],
    ['search, common word (25 %)', '/api/v1/search?q=hello&limit=20'],
    ['contacts, name contains', '/api/v1/contacts?q=Customer%20123&limit=20'],
  ] as const) {
    const t = await timedGets(`${server.baseUrl}${path}`, token, RUNS);
    out.push([label, name, t.p50, t.p95, ratio(t.p50, base.p50)]);
  }
  out.push([label, `search plan uses messages_search_idx: ${usesIndex}`, null, null, null]);
  return out;
}

const rows: Cell[][] = [];
const embedded = await startTestServer();
try {
  rows.push(...(await measure('embedded (PGlite)', embedded)));
} finally {
  await embedded.stop();
}
const pg = await postgresAvailable();
if (pg.ok) {
  const database = await createTestDatabase();
  const server = await startTestServer({ databaseUrl: database.url });
  try {
    rows.push(...(await measure('PostgreSQL', server)));
  } finally {
    await server.stop();
    await database.drop();
  }
}
printTable(
  `Inbox read paths: ${CONVERSATIONS} conversations × ${PER} messages, ${RUNS} sequential requests each`,
  ['mode', 'request', 'p50 ms', 'p95 ms', 'p50 / baseline'],
  rows,
  [
    pg.ok ? 'PostgreSQL: a fresh database on this machine' : `PostgreSQL skipped: ${pg.reason}`,
    'The common-word search sorts every match by time before paging: the cost grows with the matches.',
  ],
);
