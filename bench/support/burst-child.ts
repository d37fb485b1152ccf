// Runs one open-loop load in a process of its own, so a heavy burst does not slow the bench's own
// clock and sockets. Reads its settings from BURST_* variables; prints LoadStats as JSON.
import { runLoad } from '@parley/wa-sim';

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};

const stats = await runLoad({
  webhookUrl: env('BURST_URL'),
  appSecret: env('BURST_SECRET'),
  tenants: [env('BURST_PHONE')],
  rate: Number(env('BURST_RATE')),
  durationMs: Number(env('BURST_MS')),
  connections: Number(process.env.BURST_CONNECTIONS ?? 64),
  conversations: 500,
});
const { sentMessages: _omit, ...summary } = stats;
process.stdout.write(`${JSON.stringify(summary)}\n`);
