// Prints a benchmark's results as a plain-text table (what `npm run bench` collects).
import { cpus, loadavg } from 'node:os';

export type Cell = string | number | null;

const show = (c: Cell): string =>
  c === null ? '–' : typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c;

export function printTable(title: string, header: string[], rows: Cell[][], notes: string[] = []): void {
  const cells = [header, ...rows.map((r) => r.map(show))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [
    '',
    `## ${title}`,
    '',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

export const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/** Numbers depend on what else the machine runs: each table says so. */
export function machineNote(): string {
  return `machine: ${cpus().length} cores, 1-minute load average ${loadavg()[0]!.toFixed(1)} when the run started`;
}
