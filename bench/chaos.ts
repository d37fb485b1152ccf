// The chaos run, long form: `npm run chaos` (or `node --import tsx bench/chaos.ts`). Roles as
// separate processes on PostgreSQL and a Redis of its own (AOF on), the simulator's duplicates,
// shuffles and 500s after accepting, kill -9 and SIGTERM of every role and of Redis,
// pg_terminate_backend, round robin and the scheduling bot on. Prints the figures and exits 1 on
// any loss, duplicate, gap, unassigned conversation or reply not at WhatsApp exactly once.
// CHAOS_MESSAGES, CHAOS_RATE, CHAOS_REPLIES, CHAOS_FAULT_EVERY_MS change the load.
import { runChaos } from '../packages/server/src/test-support/chaos-run.ts';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const report = await runChaos({
  messages: num('CHAOS_MESSAGES', 3000),
  rate: num('CHAOS_RATE', 25),
  customers: num('CHAOS_CUSTOMERS', 500),
  replies: num('CHAOS_REPLIES', 60),
  replyEveryMs: num('CHAOS_REPLY_EVERY_MS', 1500),
  faultEveryMs: num('CHAOS_FAULT_EVERY_MS', 8000),
  settleMs: num('CHAOS_SETTLE_MS', 180_000),
  log: (line) => process.stderr.write(`${line}\n`),
});
const rows: [string, string | number][] = [
  ['customer messages sent', report.sent],
  ['acked by Parley', report.acked],
  ['stored', report.stored],
  ['lost', report.lost],
  ['duplicated', report.duplicated],
  ['round-robin conversations', report.conversations],
  ['unassigned (neither assigned nor waiting)', report.unassigned],
  ['bot conversations / unanswered', `${report.botConversations} / ${report.botUnanswered}`],
  ['agent replies', report.replies],
  ['replies at WhatsApp per send (copies: replies)', JSON.stringify(report.copiesPerReply)],
  ['extra copies at WhatsApp', report.extraAtWhatsApp],
  ['sequence gaps', report.sequenceGaps],
  ['faults', report.faults.length],
  ['seconds', report.seconds],
];
for (const [k, v] of rows) process.stdout.write(`${k.padEnd(48)} ${v}\n`);
process.stdout.write(`faults: ${report.faults.join('; ')}\n`);
if (report.failures.length > 0) {
  process.stdout.write(`FAILED: ${report.failures.join('; ')}\n`);
  process.exit(1);
}
process.stdout.write('no loss, no duplicate, no gap\n');
process.exit(0);
