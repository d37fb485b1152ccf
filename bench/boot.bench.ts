// Boot time and memory of each role, run from the TypeScript sources through tsx (how production
// ran before the build) and from the compiled build (dist/, what `npm start` runs now). Boot time
// is from spawning the process to the first 200 from /healthz (migrations already applied); memory
// is the process's resident set (VmRSS) right after. `start` runs in the embedded default; the
// single roles run in scale mode (PostgreSQL + Redis). `--help` shows the cost of loading the CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Provisioned, provision, startProc } from './support/stack.ts';
import { machineNote, printTable, ratio } from './support/table.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PARLEY = join(ROOT, 'packages/server/bin/parley.mjs');
const RUNS = Number(process.env['BOOT_RUNS'] ?? 3);
const ROLES: { role: string; mode: 'embedded' | 'scale' }[] = [
  { role: 'start', mode: 'embedded' },
  { role: 'gateway', mode: 'scale' },
  { role: 'api', mode: 'scale' },
  { role: 'realtime', mode: 'scale' },
  { role: 'worker', mode: 'scale' },
];
const WAYS = [
  { name: 'tsx (sources)', env: { PARLEY_RUN_SOURCE: '1' } },
  { name: 'compiled (dist/)', env: { PARLEY_RUN_SOURCE: '0' } },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rssMb = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

async function bootOnce(role: string, env: Record<string, string>): Promise<{ ms: number; mb: number }> {
  const t0 = performance.now();
  const proc = await startProc([PARLEY, role], env, '/healthz', 300_000);
  const ms = performance.now() - t0;
  const mb = rssMb(proc.child.pid!);
  await proc.stop();
  return { ms, mb };
}

function helpOnce(env: Record<string, string>): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [PARLEY, '--help'], {
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`parley --help failed: ${r.stderr}`);
  return performance.now() - t0;
}

// Measure the code as it is: compile first, so the build is never older than the sources.
const built = spawnSync(process.execPath, [join(ROOT, 'packages/server/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('the build failed');

const setups = new Map<string, Provisioned>();
for (const mode of ['embedded', 'scale'] as const) setups.set(mode, await provision(mode));
const rows: (string | number)[][] = [];
try {
  for (const { role, mode } of ROLES) {
    const results = [];
    for (const way of WAYS) {
      const runs = [];
      for (let i = 0; i < RUNS; i++)
        runs.push(await bootOnce(role, { ...setups.get(mode)!.env, ...way.env }));
      results.push({ ms: median(runs.map((r) => r.ms)), mb: median(runs.map((r) => r.mb)) });
    }
    const [src, dist] = results as [{ ms: number; mb: number }, { ms: number; mb: number }];
    rows.push([`${role} (${mode})`, Math.round(src.ms), Math.round(dist.ms), ratio(src.ms, dist.ms)]);
    rows.push([`  RSS MB`, Math.round(src.mb), Math.round(dist.mb), ratio(src.mb, dist.mb)]);
  }
  const help = WAYS.map((w) => median(Array.from({ length: RUNS }, () => helpOnce(w.env))));
  rows.push(['--help (ms)', Math.round(help[0]!), Math.round(help[1]!), ratio(help[0]!, help[1]!)]);
} finally {
  for (const s of setups.values()) await s.cleanup();
}
printTable(
  'Boot time (ms, spawn to /healthz 200) and memory (RSS after boot) per role',
  ['role', WAYS[0]!.name, WAYS[1]!.name, 'tsx / compiled'],
  rows,
  [`median of ${RUNS} boots each`, machineNote()],
);
