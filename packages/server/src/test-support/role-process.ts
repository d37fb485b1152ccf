// A Parley role (`parley gateway|worker|realtime|api|start`) as a process of its own, started
// through the real program, for tests and the chaos run that signal, kill and restart roles.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const PARLEY = fileURLToPath(new URL('../../bin/parley.mjs', import.meta.url));

export interface RoleProcess {
  /** What it runs: the role, or the command line of another Node program. */
  role: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** The last 20,000 characters it wrote (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it) and that signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM and waits for the exit. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, and waits for the exit. */
  kill(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a role on a free port (or `port`) and waits until GET /healthz answers 200. */
export const startRole = (
  role: string,
  env: Record<string, string>,
  opts: { port?: number; timeoutMs?: number } = {},
): Promise<RoleProcess> => startNodeProcess([PARLEY, role], env, { ...opts, name: role });

/** Starts `node <args>` with PORT and HOST set, and waits until GET readyPath answers 200. */
export async function startNodeProcess(
  args: string[],
  env: Record<string, string>,
  opts: { port?: number; timeoutMs?: number; readyPath?: string; cwd?: string; name?: string } = {},
): Promise<RoleProcess> {
  const role = opts.name ?? args.join(' ');
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, args, {
    ...(opts.cwd && { cwd: opts.cwd }),
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${role} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${url}${opts.readyPath ?? '/healthz'}`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${role} not ready:\n${output}`);
    }
    await sleep(100);
  }
  return {
    role,
    url,
    port,
    child,
    output: () => output,
    exited,
    async terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
