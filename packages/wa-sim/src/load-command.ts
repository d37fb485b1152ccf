import { parseArgs } from 'node:util';
import { parseDuration, parsePositive } from './cli-values.ts';
import { formatLatencyTable } from './latency-table.ts';
import { type LoadOptions, runLoad } from './load.ts';

export const LOAD_HELP = `wa-sim load: an open-loop load generator of signed inbound webhooks

Usage: wa-sim load --webhook-url URL --app-secret S [options]

  --rate N                  requests per second across all tenants (default 100)
  --duration D              how long to send (default 10s)
  --tenants N               number of business numbers: 106540352242922, then 106540352300001, … (default 1)
  --phone-number-id ID      exact business numbers instead of --tenants; repeat for more
  --conversations N         distinct customers across all tenants (default 1000)
  --connections N           keep-alive sockets (default 64)
  --timeout D               deadline per request from its intended send time (default 10s)
  --burst-tenant ID         add a burst for this number (a noisy neighbour)
  --burst-rate N            the burst's extra requests per second (default 10 × --rate)
  --burst-start D           when the burst starts (default 0)
  --burst-duration D        how long it lasts (default: to the end)
  --json                    print the stats as JSON instead of the table
  --webhook-url URL         env WA_SIM_WEBHOOK_URL;  --app-secret S  env WHATSAPP_APP_SECRET

Latency is measured from each request's intended send time, not from when it went out, so a
stalled server is not hidden by a slowed generator (coordinated omission).

Example
  wa-sim load --webhook-url http://127.0.0.1:3000/webhooks/whatsapp --app-secret dev-secret \\
    --rate 2000 --duration 30s --tenants 10 --conversations 1000
`;

const options = {
  rate: { type: 'string', default: '100' },
  duration: { type: 'string', default: '10s' },
  tenants: { type: 'string', default: '1' },
  'phone-number-id': { type: 'string', multiple: true },
  conversations: { type: 'string', default: '1000' },
  connections: { type: 'string', default: '64' },
  timeout: { type: 'string', default: '10s' },
  'burst-tenant': { type: 'string' },
  'burst-rate': { type: 'string' },
  'burst-start': { type: 'string' },
  'burst-duration': { type: 'string' },
  json: { type: 'boolean', default: false },
  'webhook-url': { type: 'string' },
  'app-secret': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface ProgressLine {
  update(line: string): void;
  end(): void;
}

export async function loadCommand(
  argv: string[],
  out: (line: string) => void,
  progress: ProgressLine,
): Promise<number> {
  const { values: v } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  if (v.help) {
    out(LOAD_HELP);
    return 0;
  }
  const webhookUrl = v['webhook-url'] ?? process.env.WA_SIM_WEBHOOK_URL;
  const appSecret = v['app-secret'] ?? process.env.WHATSAPP_APP_SECRET;
  if (!webhookUrl || !appSecret)
    throw new Error(
      '--webhook-url and --app-secret are required (or WA_SIM_WEBHOOK_URL and WHATSAPP_APP_SECRET).',
    );
  const rate = parsePositive(v.rate, '--rate');
  const durationMs = parseDuration(v.duration, '--duration');
  const loadOptions: LoadOptions = {
    webhookUrl,
    appSecret,
    rate,
    durationMs,
    tenants: v['phone-number-id'] ?? parsePositive(v.tenants, '--tenants'),
    conversations: parsePositive(v.conversations, '--conversations'),
    connections: parsePositive(v.connections, '--connections'),
    timeoutMs: parseDuration(v.timeout, '--timeout'),
    ...(v['burst-tenant'] && {
      burst: {
        phoneNumberId: v['burst-tenant'],
        rate: v['burst-rate'] ? parsePositive(v['burst-rate'], '--burst-rate') : rate * 10,
        ...(v['burst-start'] && { startMs: parseDuration(v['burst-start'], '--burst-start') }),
        ...(v['burst-duration'] && { durationMs: parseDuration(v['burst-duration'], '--burst-duration') }),
      },
    }),
    onProgress: (p) =>
      progress.update(
        `${(p.elapsedMs / 1000).toFixed(0).padStart(4)} s  sent ${p.sent}  ok ${p.ok}  errors ${p.errors}  in flight ${p.inFlight}  p99 ${p.p99Ms.toFixed(2)} ms`,
      ),
  };
  const stats = await runLoad(loadOptions);
  progress.end();
  out(v.json ? JSON.stringify(stats, null, 2) : formatLatencyTable(stats));
  return stats.errors === 0 ? 0 : 1;
}
