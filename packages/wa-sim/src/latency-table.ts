import type { LoadStats } from './load.ts';

// Plain-text tables for the terminal, benchmarks print them as they are.

const ms = (v: number) => `${v.toFixed(2)} ms`;

export function formatLatencyTable(stats: LoadStats): string {
  const { latencyMs: l } = stats;
  const lines = [
    `${stats.sent} requests sent over ${(stats.durationMs / 1000).toFixed(1)} s (${stats.intendedRate}/s intended, ${stats.achievedRate.toFixed(0)}/s achieved): ${stats.ok} ok, ${stats.errors} errors${stats.timeouts ? ` (${stats.timeouts} timeouts)` : ''}; the run took ${(stats.wallMs / 1000).toFixed(1)} s with the wait for answers`,
    '',
    'latency from intended send time (open loop)',
    `  ${['p50', 'p90', 'p99', 'p99.9', 'max', 'mean'].map((h) => h.padEnd(12)).join('')}`,
    `  ${[l.p50, l.p90, l.p99, l.p999, l.max, l.mean].map((v) => ms(v).padEnd(12)).join('')}`,
  ];
  const tenants = Object.entries(stats.perTenant);
  if (tenants.length > 1 && tenants.length <= 30) {
    lines.push(
      '',
      `  ${'phone_number_id'.padEnd(19)}${'sent'.padEnd(10)}${'errors'.padEnd(8)}${'p50'.padEnd(12)}${'p99'.padEnd(12)}max`,
    );
    for (const [id, t] of tenants) {
      lines.push(
        `  ${id.padEnd(19)}${String(t.sent).padEnd(10)}${String(t.errors).padEnd(8)}${ms(t.p50).padEnd(12)}${ms(t.p99).padEnd(12)}${ms(t.max)}`,
      );
    }
  }
  const codes = Object.entries(stats.statusCounts).filter(([code]) => code !== '200');
  if (codes.length)
    lines.push('', `  answers other than 200: ${codes.map(([c, n]) => `${c} × ${n}`).join(', ')}`);
  return lines.join('\n');
}
