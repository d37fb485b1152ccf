// Bot reply latency: a customer's message acked by Parley → the bot's reply accepted by the Graph
// API, on the deterministic path, at 100 conversations/s across 10 tenants (target p95 ≤ 300 ms);
// then the same with one tenant's bot 2.5 s slow (a model call): the other tenants' p95 must stay
// within 50 ms of the first run. The simulator plays Meta. Scale mode (PostgreSQL + Redis).
import { createSimulator, tenantPhoneNumberIds, toChannel } from '@parley/wa-sim';
import { build } from 'hdr-histogram-js';
import { pino } from 'pino';
import { addChannel, createTenant } from '../packages/server/src/admin/accounts.ts';
import { bindChannelBot, createBot } from '../packages/server/src/bots/bot-admin.ts';
import { BUILTIN_BOTS } from '../packages/server/src/bots/registry.ts';
import { loadConfig } from '../packages/server/src/config/env.ts';
import { runRoles } from '../packages/server/src/runtime/run-roles.ts';
import {
  createTestDatabase,
  dropRedisPrefix,
  redisEnv,
  uniqueName,
} from '../packages/server/src/test-support/services.ts';
import { freePort } from './support/stack.ts';
import { machineNote, printTable } from './support/table.ts';

// BENCH_MODE=embedded runs the embedded default (PGlite, in-process queue) instead of scale mode.
const EMBEDDED = process.env.BENCH_MODE === 'embedded';
// BENCH_SLOW=0 skips the second run (one tenant's bot 2.5 s slow).
const WITH_SLOW = process.env.BENCH_SLOW !== '0';
const TENANTS = 10;
const RATE = Number(process.env.BENCH_RATE ?? 100); // conversations per second, across all tenants
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const APP_SECRET = 'bench-bots-secret';
const WEEK = [{ start: '00:00', end: '23:59' }];

// One tenant's bot thinks for 2.5 s before answering, like a model call.
BUILTIN_BOTS['slow-scheduling'] = (deps) => {
  const inner = BUILTIN_BOTS['scheduling']!(deps);
  return {
    name: 'slow-scheduling',
    onMessage: async (ctx) => {
      await new Promise((r) => setTimeout(r, 2500));
      return inner.onMessage(ctx);
    },
  };
};

async function run(slowTenant: boolean) {
  const say = (m: string) =>
    process.stderr.write(`bots bench (${slowTenant ? 'one slow' : 'all fast'}): ${m}\n`);
  const db = EMBEDDED ? null : await createTestDatabase();
  const prefix = uniqueName('bb');
  const port = await freePort();
  const numbers = tenantPhoneNumberIds(TENANTS);
  const sim = createSimulator({
    webhookUrl: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    appSecret: APP_SECRET,
    channels: numbers.map((phoneNumberId) => ({ phoneNumberId })),
    autoStatuses: false,
    rateLimit: 10_000,
  });
  await sim.start();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(db ? { DATABASE_URL: db.url, ...redisEnv() } : {}),
    PARLEY_QUEUE_PREFIX: prefix,
    PARLEY_SECRET_KEY: 'b'.repeat(64),
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'v',
    WHATSAPP_GRAPH_URL: sim.url,
    PARLEY_FETCH_ALLOW: '127.0.0.1',
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_BOT_CONCURRENCY: '8',
    PARLEY_DATA_DIR: `/tmp/${prefix}`,
  });
  const running = await runRoles('start', config, pino({ level: 'silent' }));
  say('parley is up');
  const { ctx } = running;
  // Ten tenants, each with its own number and the scheduling bot in front (the first is slow).
  for (const [i, phoneNumberId] of numbers.entries()) {
    await ctx.db.tx(async (q) => {
      const existing = await q.query<{ id: string; tenant_id: string }>(
        'SELECT id, tenant_id FROM channels WHERE phone_number_id = $1',
        [phoneNumberId],
      );
      let tenantId = existing.rows[0]?.tenant_id;
      let channelId = existing.rows[0]?.id;
      if (!tenantId || !channelId) {
        tenantId = (await createTenant(q, `Tenant ${i}`)).id;
        const ch = toChannel({ phoneNumberId });
        channelId = (
          await addChannel(q, ctx.box, tenantId, {
            name: `n${i}`,
            phoneNumberId,
            displayPhoneNumber: ch.displayPhoneNumber,
            wabaId: ch.wabaId,
            accessToken: 'sim-token',
          })
        ).id;
      }
      await q.query(
        `INSERT INTO sched_settings (tenant_id, zone, hours, horizon_days, ics_token) VALUES ($1, 'UTC', $2, 30, $3)
         ON CONFLICT (tenant_id) DO UPDATE SET hours = EXCLUDED.hours, horizon_days = 30`,
        [
          tenantId,
          JSON.stringify({ 1: WEEK, 2: WEEK, 3: WEEK, 4: WEEK, 5: WEEK, 6: WEEK, 7: WEEK }),
          `t${i}${prefix}`,
        ],
      );
      await q.query("INSERT INTO sched_services (tenant_id, name, duration_min) VALUES ($1, 'Visit', 15)", [
        tenantId,
      ]);
      await q.query(
        "INSERT INTO sched_staff (tenant_id, name) SELECT $1, 'Staff ' || g FROM generate_series(1, 3) g",
        [tenantId],
      );
      const bot = await createBot(q, ctx.box, tenantId, {
        name: 'Agenda',
        kind: 'builtin',
        builtin: slowTenant && i === 0 ? 'slow-scheduling' : 'scheduling',
      });
      await bindChannelBot(q, tenantId, channelId, bot.id);
    });
  }
  ctx.channels.invalidate();
  say(`${TENANTS} tenants ready; sending ${RATE * SECONDS} conversations`);

  const sentAt = new Map<string, { at: number; tenant: number }>();
  const total = RATE * SECONDS;
  const t0 = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let n = 0; n < total; n++) {
    const due = t0 + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const tenant = n % TENANTS;
    const from = `55119${String(n).padStart(8, '0')}`;
    // The clock starts when Parley acks the webhook, as the issue measures it.
    sends.push(
      sim.sendText(from, 'quero marcar amanhã às 15h', { phoneNumberId: numbers[tenant]! }).then(() => {
        sentAt.set(from, { at: performance.now(), tenant });
      }),
    );
  }
  await Promise.all(sends);
  say('all sent; waiting for the replies');
  const deadline = Date.now() + 60_000;
  while (sim.received().length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const fast = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000,
    numberOfSignificantValueDigits: 3,
  });
  const slow = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000,
    numberOfSignificantValueDigits: 3,
  });
  const offset = Date.now() - performance.now();
  for (const r of sim.received()) {
    const s = sentAt.get(r.to);
    if (!s) continue;
    (slowTenant && s.tenant === 0 ? slow : fast).recordValue(Math.max(1, r.at - offset - s.at));
  }
  const answered = sim.received().length;
  await running.stop();
  await sim.stop();
  if (db) {
    await db.drop();
    await dropRedisPrefix(prefix);
  }
  return { fast, slow, answered, total };
}

const base = await run(false);
const withSlow = WITH_SLOW ? await run(true) : null;
const p = (h: ReturnType<typeof build>, q: number) => Math.round(h.getValueAtPercentile(q));
const row = (
  label: string,
  tenants: number,
  answered: string,
  h: ReturnType<typeof build>,
  target: string,
) => [label, tenants, answered, p(h, 50), p(h, 95), p(h, 99), Math.round(h.maxValue), target];
printTable(
  `Bot reply latency, ${RATE} conversations/s across ${TENANTS} tenants for ${SECONDS} s (${EMBEDDED ? 'embedded default' : 'scale mode'}, deterministic path)`,
  ['run', 'tenants', 'answered', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'target'],
  [
    row('all fast', TENANTS, `${base.answered}/${base.total}`, base.fast, 'p95 ≤ 300 ms'),
    ...(withSlow
      ? [
          row(
            'one tenant 2.5 s slow: the others',
            TENANTS - 1,
            `${withSlow.fast.totalCount}`,
            withSlow.fast,
            `p95 within 50 ms of ${p(base.fast, 95)}`,
          ),
          row('one tenant 2.5 s slow: the slow one', 1, `${withSlow.slow.totalCount}`, withSlow.slow, '–'),
        ]
      : []),
  ],
  [
    ...(withSlow
      ? [`p95 added to the other tenants by the slow one: ${p(withSlow.fast, 95) - p(base.fast, 95)} ms`]
      : []),
    `command: ${EMBEDDED ? 'BENCH_MODE=embedded ' : ''}BENCH_RATE=${RATE} node --import tsx bench/bots.bench.ts`,
    machineNote(),
  ],
);
process.exit(0);
