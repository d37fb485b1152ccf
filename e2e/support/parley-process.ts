// Starts `parley start` as a child process, the way a user runs it, and waits for /healthz.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/server/bin/parley.mjs', import.meta.url));

export interface ParleyProcess {
  baseUrl: string;
  port: number;
  email: string;
  password: string;
  appSecret: string;
  verifyToken: string;
  output(): string;
  stop(): Promise<void>;
}

export interface ParleyProcessOptions {
  env?: Record<string, string>;
  role?: string;
}

export async function startParley(opts: ParleyProcessOptions = {}): Promise<ParleyProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const creds = {
    email: 'owner@e2e.test',
    password: 'e2e-password-1',
    appSecret: 'e2e-app-secret',
    verifyToken: 'e2e-verify',
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_ADMIN_EMAIL: creds.email,
    PARLEY_ADMIN_PASSWORD: creds.password,
    WHATSAPP_APP_SECRET: creds.appSecret,
    WHATSAPP_VERIFY_TOKEN: creds.verifyToken,
    PARLEY_LOG_LEVEL: 'warn',
    ...opts.env,
  };
  if (!opts.env?.['DATABASE_URL']) delete env['DATABASE_URL'];
  if (!opts.env?.['REDIS_URL']) delete env['REDIS_URL'];
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [BIN, opts.role ?? 'start'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`parley exited with ${child.exitCode}: ${out}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`parley did not answer /healthz within 150 s: ${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    port,
    ...creds,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
