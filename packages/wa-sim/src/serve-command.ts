import { parseArgs } from 'node:util';
import type { ChaosOptions } from './chaos.ts';
import { parseDelay, parseDuration, parsePositive, parseShare } from './cli-values.ts';
import { DEFAULT_GRAPH_VERSION, DEFAULT_PHONE_NUMBER_ID, DEFAULT_TOKEN } from './defaults.ts';
import { createDemo } from './demo.ts';
import { seededRandom } from './rng.ts';
import { createSimulator, type SimulatorOptions } from './simulator.ts';
import type { WebhookEnvelope } from './webhook-types.ts';

export const SERVE_HELP = `wa-sim serve: run the WhatsApp Cloud API simulator

Usage: wa-sim serve --webhook-url URL --app-secret S [options]

Graph API
  --port P                  port of the Graph API (default 8090; 0 picks a free one)
  --host H                  address to listen on (default 127.0.0.1)
  --public-url URL          base URL Parley reaches the sim on, when not http://host:port
  --token X                 bearer token to accept; repeat for more (default ${DEFAULT_TOKEN}); others get 190
  --phone-number-id ID      business number to serve; repeat for more (default ${DEFAULT_PHONE_NUMBER_ID})
  --window D|off            customer service window (default 24h); outside it free-form sends get 131047
  --window-mode M           reject (answer 131047, default) or status (accept, then a failed status)
  --rate-limit N            messages per second per number before 130429 (default 80)
  --read-rate S             share of delivered messages the customer reads (default 0.8)
  --fail-rate S             share of accepted messages that fail with 131026 (default 0)

Webhooks
  --webhook-url URL         where to POST webhooks (env WA_SIM_WEBHOOK_URL)
  --app-secret S            app secret for X-Hub-Signature-256 (env WHATSAPP_APP_SECRET)
  --verify-token T          verify token for the GET handshake (env WHATSAPP_VERIFY_TOKEN)
  --verify                  perform the GET verify handshake at start-up
  --timeout D               wait this long for Parley's answer before retrying (default 10s)
  --retry-base D            first retry delay, doubling each time (default 500ms)
  --max-attempts N          attempts per webhook, first included (default 8)

Chaos
  --duplicate S             share of webhook POSTs delivered twice (e.g. 0.1 or 10%)
  --shuffle                 deliver events collected together in random order
  --delay D|A-B             delay before each POST (e.g. 50ms or 0-200ms)
  --batch N                 put up to N events in one POST
  --flush D                 collect events this long before sending (default 0; more gives shuffle/batch room)
  --early-status            deliver the 'sent' status before answering the Graph send
  --accepted-error S        share of accepted sends answered 500 all the same (statuses still follow)
  --seed N                  seed the chaos decisions for a reproducible run

Demo
  --demo                    customers write every few seconds and answer agents' replies
  --demo-interval D         time between demo messages (default 5s)
  --quiet                   print only the start-up banner

Example
  wa-sim serve --port 8090 --webhook-url http://127.0.0.1:3000/webhooks/whatsapp \\
    --app-secret dev-secret --verify-token dev-verify --demo
  then start Parley with WHATSAPP_GRAPH_URL=http://127.0.0.1:8090 PARLEY_FETCH_ALLOW=127.0.0.1
`;

const options = {
  port: { type: 'string', default: '8090' },
  host: { type: 'string', default: '127.0.0.1' },
  'public-url': { type: 'string' },
  token: { type: 'string', multiple: true },
  'phone-number-id': { type: 'string', multiple: true },
  window: { type: 'string', default: '24h' },
  'window-mode': { type: 'string', default: 'reject' },
  'rate-limit': { type: 'string', default: '80' },
  'read-rate': { type: 'string' },
  'fail-rate': { type: 'string' },
  'webhook-url': { type: 'string' },
  'app-secret': { type: 'string' },
  'verify-token': { type: 'string' },
  verify: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  'retry-base': { type: 'string' },
  'max-attempts': { type: 'string' },
  duplicate: { type: 'string' },
  shuffle: { type: 'boolean', default: false },
  delay: { type: 'string' },
  batch: { type: 'string' },
  flush: { type: 'string' },
  'early-status': { type: 'boolean', default: false },
  'accepted-error': { type: 'string' },
  seed: { type: 'string' },
  demo: { type: 'boolean', default: false },
  'demo-interval': { type: 'string', default: '5s' },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parseServeArgs(argv: string[]) {
  return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
}

type ServeValues = ReturnType<typeof parseServeArgs>;

/** Pure: flags to simulator options. */
export function serveOptionsFrom(v: ServeValues, env: NodeJS.ProcessEnv): SimulatorOptions {
  const webhookUrl = v['webhook-url'] ?? env.WA_SIM_WEBHOOK_URL;
  const appSecret = v['app-secret'] ?? env.WHATSAPP_APP_SECRET;
  if (!webhookUrl)
    throw new Error(
      '--webhook-url is required (where Parley receives webhooks, e.g. http://127.0.0.1:3000/webhooks/whatsapp).',
    );
  if (!appSecret)
    throw new Error(
      "--app-secret is required (Parley's WHATSAPP_APP_SECRET), so that Parley can check the signatures.",
    );
  const mode = v['window-mode'];
  if (mode !== 'reject' && mode !== 'status')
    throw new Error(`--window-mode takes reject or status; got "${mode}".`);
  const chaos: ChaosOptions = {
    ...(v.duplicate && { duplicateRate: parseShare(v.duplicate, '--duplicate') }),
    ...(v.shuffle && { shuffle: true }),
    ...(v.delay && { delayMs: parseDelay(v.delay, '--delay') }),
    ...(v.batch && { batchSize: parsePositive(v.batch, '--batch') }),
    ...(v['early-status'] && { earlyStatus: true }),
    ...(v['accepted-error'] && {
      acceptedErrorRate: parseShare(v['accepted-error'], '--accepted-error'),
    }),
  };
  const verifyToken = v['verify-token'] ?? env.WHATSAPP_VERIFY_TOKEN;
  return {
    webhookUrl,
    appSecret,
    ...(verifyToken && { verifyToken }),
    port: Number(v.port),
    host: v.host,
    ...(v['public-url'] && { publicUrl: v['public-url'].replace(/\/$/, '') }),
    ...(v.token && { tokens: v.token }),
    ...(v['phone-number-id'] && {
      channels: v['phone-number-id'].map((phoneNumberId) => ({ phoneNumberId })),
    }),
    window: v.window === 'off' ? 'off' : parseDuration(v.window, '--window'),
    windowMode: mode,
    rateLimit: parsePositive(v['rate-limit'], '--rate-limit'),
    statusTiming: {
      ...(v['read-rate'] && { readRate: parseShare(v['read-rate'], '--read-rate') }),
      ...(v['fail-rate'] && { failRate: parseShare(v['fail-rate'], '--fail-rate') }),
    },
    chaos,
    retry: {
      ...(v['retry-base'] && { baseMs: parseDuration(v['retry-base'], '--retry-base') }),
      ...(v['max-attempts'] && { maxAttempts: parsePositive(v['max-attempts'], '--max-attempts') }),
    },
    ...(v.timeout && { webhookTimeoutMs: parseDuration(v.timeout, '--timeout') }),
    ...(v.flush && { flushDelayMs: parseDuration(v.flush, '--flush') }),
    ...(v.seed && { random: seededRandom(Number(v.seed)) }),
  };
}

function describeEnvelope(envelope: WebhookEnvelope): string {
  return envelope.entry
    .flatMap((e) =>
      e.changes.flatMap((c) =>
        c.field === 'messages'
          ? [
              ...(c.value.messages ?? []).map((m) => `${m.type} from ${m.from}`),
              ...(c.value.statuses ?? []).map((s) => `status ${s.status}`),
            ]
          : [`${c.field} ${c.value.event} ${c.value.message_template_name}`],
      ),
    )
    .join(', ');
}

export async function serveCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const values = parseServeArgs(argv);
  if (values.help) {
    out(SERVE_HELP);
    return 0;
  }
  const log = values.quiet ? () => {} : out;
  const simOptions = serveOptionsFrom(values, process.env);
  const sim = createSimulator({
    ...simOptions,
    onDelivery: (d) => {
      const last = d.attempts.at(-1);
      log(
        `→ webhook #${d.seq}${d.duplicate ? ' (duplicate)' : ''}: ${describeEnvelope(d.envelope)} → ${d.state} (${last?.status ?? last?.error}, ${d.attempts.length} attempt(s))`,
      );
    },
  });
  sim.onOutbound((m) => log(`← Parley sent ${m.type} to ${m.to}: ${m.id}`));
  const url = await sim.start();
  out(
    `wa-sim: Graph API on ${url} (set WHATSAPP_GRAPH_URL=${url}, version ${DEFAULT_GRAPH_VERSION} or any vN.N)`,
  );
  out(
    `  numbers: ${sim.channels.map((c) => `${c.phoneNumberId} (display ${c.displayPhoneNumber}, WABA ${c.wabaId})`).join(', ')}`,
  );
  out(`  tokens: ${(simOptions.tokens ?? [DEFAULT_TOKEN]).join(', ')}`);
  out(`  webhooks to ${simOptions.webhookUrl}; inspect at ${url}/_sim/messages and ${url}/_sim/deliveries`);
  if (values.verify) {
    const result = await sim.verifyHandshake();
    out(
      `  verify handshake: ${result.ok ? 'ok' : `FAILED (status ${result.status}, body "${result.body.slice(0, 80)}")`}`,
    );
  }
  const demo = values.demo
    ? createDemo(sim, { intervalMs: parseDuration(values['demo-interval'], '--demo-interval'), log })
    : undefined;
  demo?.start();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  demo?.stop();
  await sim.stop();
  return 0;
}
