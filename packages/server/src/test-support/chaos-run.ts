// The chaos run (issue 17): Parley's roles as separate processes on PostgreSQL and a Redis of its
// own (AOF on), fed by the WhatsApp simulator with duplicates, shuffles, batches and 500s after
// accepting, while roles are SIGKILLed and SIGTERMed and restarted, Redis is SIGKILLed and
// restarted, and PostgreSQL ends Parley's connections. Round robin assignment is on for one
// tenant, the scheduling bot for another, and an agent replies throughout. At the end it counts
// what was acknowledged, stored, lost, duplicated, left unassigned, how many copies of each reply
// reached WhatsApp, and gaps in each tenant's event sequence. `bench/chaos.ts` prints it; the
// short form runs as a test (runtime/chaos.redis.test.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { createSimulator } from '@parley/wa-sim';
import { addChannel, createAgent, createTenant } from '../admin/accounts.ts';
import { createApiToken } from '../auth/credentials.ts';
import { enableSchedulingBot } from '../bots/scheduling/enable-scheduling.ts';
import type { Db } from '../store/db.ts';
import { openPostgres } from '../store/postgres.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { freePort } from './free-port.ts';
import { startPrivateRedis } from './private-redis.ts';
import { type RoleProcess, startRole } from './role-process.ts';
import { createTestDatabase, uniqueName } from './services.ts';

export interface ChaosOptions {
  /** Customer messages sent (each a webhook, some delivered twice). */
  messages: number;
  /** Messages a second. */
  rate: number;
  /** Distinct customers of the round-robin tenant (the bot tenant gets a tenth as many). */
  customers: number;
  /** Agent replies, one every `replyEveryMs`. */
  replies: number;
  replyEveryMs: number;
  /** Time between two faults. */
  faultEveryMs: number;
  /** How long to wait after the load for everything to settle. */
  settleMs: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  sent: number;
  acked: number;
  stored: number;
  lost: number;
  duplicated: number;
  conversations: number;
  unassigned: number;
  botConversations: number;
  botUnanswered: number;
  replies: number;
  /** How many replies reached WhatsApp 0, 1, 2… times. */
  copiesPerReply: Record<string, number>;
  /** Messages at WhatsApp that Parley does not know it sent (a second copy of something). */
  extraAtWhatsApp: number;
  sequenceGaps: number;
  faults: string[];
  seconds: number;
  failures: string[];
}

const BOT_PHONE = '106540352300077';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const say = o.log ?? (() => undefined);
  const started = Date.now();
  const database = await createTestDatabase();
  const redis = await startPrivateRedis({ appendonly: true });
  const secretKey = randomBytes(32).toString('hex');
  const appSecret = randomBytes(16).toString('hex');
  const [gatewayPort, realtimePort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const sim = createSimulator({
    webhookUrl: `http://127.0.0.1:${gatewayPort}/webhooks/whatsapp`,
    appSecret,
    channels: [{ phoneNumberId: '106540352242922' }, { phoneNumberId: BOT_PHONE }],
    chaos: { duplicateRate: 0.2, shuffle: true, batchSize: 3, acceptedErrorRate: 0.1 },
    flushDelayMs: 20,
    rateLimit: 10_000,
    statusTiming: { sentAfterMs: 50, deliveredAfterMs: 100, readAfterMs: 200, readRate: 0.5 },
    // Meta retries for days; a role down for seconds must not exhaust the simulator's patience.
    retry: { baseMs: 250, maxAttempts: 14 },
    webhookTimeoutMs: 10_000,
  });
  const graphUrl = await sim.start();
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    PARLEY_QUEUE_PREFIX: uniqueName('chaos'),
    PARLEY_SECRET_KEY: secretKey,
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'chaos-verify',
    WHATSAPP_GRAPH_URL: graphUrl,
    PARLEY_ADMIN_EMAIL: 'owner@chaos.test',
    PARLEY_ADMIN_PASSWORD: 'chaos-password-1',
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_OUTBOUND_SWEEP_MS: '3000',
    PARLEY_DRAIN_TIMEOUT_MS: '5000',
    PARLEY_WORKER_CONCURRENCY: '2',
  };
  const procs = new Map<string, RoleProcess>();
  const ports: Record<string, number> = { gateway: gatewayPort, realtime: realtimePort, api: apiPort };
  const launch = async (name: string) => {
    const role = name.replace(/\d+$/, '');
    const port = ports[name];
    procs.set(name, await startRole(role, env, port ? { port, timeoutMs: 120_000 } : { timeoutMs: 120_000 }));
  };
  let db: Db | null = null;
  const faults: string[] = [];
  try {
    await launch('api'); // migrates and seeds before the others start
    db = await openPostgres(database.url);
    const pg = db;
    const box = createSecretBox(secretKey);
    const owner = (
      await pg.query<{ id: string; tenant_id: string }>(
        `SELECT id, tenant_id FROM agents WHERE email = 'owner@chaos.test'`,
      )
    ).rows[0]!;
    const tenantA = owner.tenant_id;
    const channelA = (
      await pg.query<{ id: string }>('SELECT id FROM channels WHERE tenant_id = $1', [tenantA])
    ).rows[0]!.id;
    const tenantB = await pg.tx(async (q) => {
      const t = await createTenant(q, 'Chaos Bot Co');
      await addChannel(q, box, t.id, { name: 'bot', phoneNumberId: BOT_PHONE, accessToken: 'sim-token' });
      await enableSchedulingBot(q, box, t.id, 'America/Sao_Paulo');
      for (let i = 0; i < 3; i++) {
        const a = await createAgent(q, tenantA, {
          email: `rr${i}@chaos.test`,
          name: `RR ${i}`,
          role: 'agent',
        });
        await q.query('INSERT INTO channel_members (tenant_id, channel_id, agent_id) VALUES ($1, $2, $3)', [
          tenantA,
          channelA,
          a.id,
        ]);
      }
      return t.id;
    });
    const { token } = await createApiToken(pg, tenantA, 'chaos', { agentId: owner.id });
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${apiPort}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };
    const rr = await api('PUT', `/api/v1/channels/${channelA}/assignment`, { policy: 'round_robin' });
    if (rr.status !== 200) throw new Error(`round robin not set: ${rr.status} ${JSON.stringify(rr.body)}`);
    for (const name of ['gateway', 'worker1', 'worker2', 'realtime']) await launch(name);
    say(`chaos: roles up after ${Math.round((Date.now() - started) / 1000)} s`);

    // Load: customers write at `rate`; a message counts as acked once its webhook got a 2xx.
    const sends: Promise<{ id: string; acked: boolean }>[] = [];
    let stopLoad = false;
    const load = (async () => {
      const t0 = Date.now();
      for (let i = 0; i < o.messages && !stopLoad; i++) {
        const due = t0 + (i * 1000) / o.rate;
        if (due > Date.now()) await sleep(due - Date.now());
        const bot = i % 10 === 9;
        const from = bot
          ? `1777${String(i % Math.max(1, Math.floor(o.customers / 10))).padStart(6, '0')}`
          : `1666${String(i % o.customers).padStart(6, '0')}`;
        sends.push(
          sim
            .sendText(from, bot ? 'quero marcar amanhã às 15h' : `chaos message ${i}`, {
              ...(bot && { phoneNumberId: BOT_PHONE }),
            })
            .then((r) => ({ id: r.message.id, acked: r.delivery.state === 'delivered' })),
        );
      }
    })();

    // An agent replies to conversations as they come, like a client would: the same clientId
    // again until the API answers 202 (it may be down, or answer 503).
    const replies: { clientId: string; text: string; conversationId: string }[] = [];
    const replying = (async () => {
      for (let n = 0; n < o.replies && !stopLoad; n++) {
        await sleep(o.replyEveryMs);
        const convs = await pg
          .query<{ id: string }>(
            'SELECT id FROM conversations WHERE tenant_id = $1 ORDER BY random() LIMIT 1',
            [tenantA],
          )
          .catch(() => ({ rows: [] as { id: string }[] }));
        const conversationId = convs.rows[0]?.id;
        if (!conversationId) continue;
        const reply = {
          clientId: randomUUID(),
          text: `agent reply ${n} ${randomUUID().slice(0, 8)}`,
          conversationId,
        };
        replies.push(reply);
        for (let tries = 0; tries < 60; tries++) {
          const r = await api('POST', `/api/v1/conversations/${conversationId}/messages`, {
            clientId: reply.clientId,
            kind: 'text',
            body: { body: reply.text },
          }).catch(() => ({ status: 0, body: {} }));
          if (r.status === 202) break;
          await sleep(500);
        }
      }
    })();

    // Faults, one every faultEveryMs, each role restarted after it goes.
    const plan: [string, () => Promise<void>][] = [
      ['kill -9 worker1', () => restart('worker1', 'kill')],
      ['pg_terminate_backend (every Parley connection)', () => terminateBackends(pg, database.url)],
      ['SIGTERM gateway', () => restart('gateway', 'term')],
      [
        'kill -9 Redis',
        async () => {
          await redis.kill();
          await sleep(1000);
          await redis.restart();
        },
      ],
      ['kill -9 gateway', () => restart('gateway', 'kill')],
      ['SIGTERM worker2', () => restart('worker2', 'term')],
      ['kill -9 realtime', () => restart('realtime', 'kill')],
      ['kill -9 api', () => restart('api', 'kill')],
      ['SIGTERM worker1', () => restart('worker1', 'term')],
      ['SIGTERM realtime', () => restart('realtime', 'term')],
      ['SIGTERM api', () => restart('api', 'term')],
      ['kill -9 worker2', () => restart('worker2', 'kill')],
    ];
    async function restart(name: string, how: 'kill' | 'term') {
      const p = procs.get(name)!;
      if (how === 'kill') await p.kill();
      else {
        const { code } = await p.terminate();
        if (code !== 0) faults.push(`${name} exited ${code} on SIGTERM (expected 0)`);
      }
      await launch(name);
    }
    let loadDone = false;
    void load.finally(() => {
      loadDone = true;
    });
    for (const [name, fault] of plan) {
      if (loadDone) break;
      await sleep(o.faultEveryMs);
      say(`chaos: ${name}`);
      faults.push(name);
      await fault();
    }
    await load;
    stopLoad = true;
    await replying;
    say(`chaos: load done after ${Math.round((Date.now() - started) / 1000)} s, settling`);

    const results = await Promise.all(sends);
    const ackedIds = [...new Set(results.filter((r) => r.acked).map((r) => r.id))];
    const count = async (sql: string, params: unknown[] = []) =>
      (await pg.query<{ n: number }>(sql, params)).rows[0]!.n;
    const storedOf = () =>
      count(
        'SELECT count(DISTINCT wa_message_id)::int AS n FROM messages WHERE wa_message_id = ANY($1::text[])',
        [ackedIds],
      );
    const unassignedOf = () =>
      count(
        `SELECT count(*)::int AS n FROM conversations c WHERE c.tenant_id = $1 AND c.assignee_id IS NULL
           AND c.status <> 'resolved' AND NOT EXISTS (SELECT 1 FROM assignment_waiting w WHERE w.conversation_id = c.id)`,
        [tenantA],
      );
    const pendingOf = () =>
      count(
        `SELECT count(*)::int AS n FROM messages WHERE direction = 'out' AND status IN ('pending', 'unknown')`,
      );
    const deadline = Date.now() + o.settleMs;
    while (Date.now() < deadline) {
      const [stored, unassigned, pending] = [await storedOf(), await unassignedOf(), await pendingOf()];
      if (stored === ackedIds.length && unassigned === 0 && pending === 0) break;
      await sleep(1000);
    }
    await sim.idle();

    const stored = await storedOf();
    const duplicated = await count(
      `SELECT count(*)::int AS n FROM (SELECT tenant_id, wa_message_id FROM messages WHERE wa_message_id IS NOT NULL
         GROUP BY 1, 2 HAVING count(*) > 1) d`,
    );
    const atMeta = sim.received();
    const copiesPerReply: Record<string, number> = {};
    for (const r of replies) {
      const n = atMeta.filter(
        (m) => (m.payload.text as { body?: string } | undefined)?.body === r.text,
      ).length;
      copiesPerReply[n] = (copiesPerReply[n] ?? 0) + 1;
    }
    const known = await count(
      `SELECT count(*)::int AS n FROM messages WHERE direction = 'out' AND wa_message_id IS NOT NULL`,
    );
    const gaps = await count(
      `SELECT coalesce(sum(max_seq - n), 0)::int AS n FROM (SELECT tenant_id, max(seq) AS max_seq, count(*) AS n
         FROM event_log GROUP BY tenant_id) t`,
    );
    const report: ChaosReport = {
      sent: results.length,
      acked: ackedIds.length,
      stored,
      lost: ackedIds.length - stored,
      duplicated,
      conversations: await count('SELECT count(*)::int AS n FROM conversations WHERE tenant_id = $1', [
        tenantA,
      ]),
      unassigned: await unassignedOf(),
      botConversations: await count('SELECT count(*)::int AS n FROM conversations WHERE tenant_id = $1', [
        tenantB,
      ]),
      botUnanswered: await count(
        `SELECT count(*)::int AS n FROM conversations c WHERE c.tenant_id = $1
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'out')`,
        [tenantB],
      ),
      replies: replies.length,
      copiesPerReply,
      extraAtWhatsApp: atMeta.length - known,
      sequenceGaps: gaps,
      faults,
      seconds: Math.round((Date.now() - started) / 1000),
      failures: [],
    };
    if (report.lost > 0) report.failures.push(`${report.lost} acked messages were not stored`);
    if (report.duplicated > 0) report.failures.push(`${report.duplicated} messages stored twice`);
    if (report.sequenceGaps > 0) report.failures.push(`${report.sequenceGaps} sequence numbers missing`);
    if (report.unassigned > 0)
      report.failures.push(`${report.unassigned} conversations neither assigned nor waiting`);
    if (report.extraAtWhatsApp > 0)
      report.failures.push(`${report.extraAtWhatsApp} extra copies reached WhatsApp`);
    for (const [n, k] of Object.entries(copiesPerReply))
      if (n !== '1') report.failures.push(`${k} replies reached WhatsApp ${n} times`);
    for (const f of faults) if (f.includes('expected 0')) report.failures.push(f);
    return report;
  } finally {
    for (const p of procs.values()) await p.kill();
    await sim.stop();
    await db?.close();
    await redis.stop();
    await database.drop();
  }
}

/** Ends every session of the run's database but this one's, as a failover or a DBA would. */
async function terminateBackends(db: Db, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await db.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
}
