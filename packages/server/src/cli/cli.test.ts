// The program as a user meets it: bad input gets one clear line and a non-zero exit, never a hang
// or a bare stack trace.
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/parley.mjs', import.meta.url));
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> => {
  const base = { ...process.env };
  delete base['DATABASE_URL'];
  delete base['REDIS_URL'];
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...base, PARLEY_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
};

// Each test boots the program (and some an embedded database): generous limits for a busy machine.
describe('parley command line', { timeout: 180_000 }, () => {
  it('rejects an unknown sub-command and points to --help', () => {
    const r = run(['frobnicate']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('lists the roles and admin commands in --help', () => {
    const r = run(['--help']);
    for (const cmd of [
      'start',
      'gateway',
      'worker',
      'realtime',
      'api',
      'migrate',
      'tenant',
      'agent',
      'channel',
      'queue',
      'quarantine',
    ]) {
      expect(r.stdout).toContain(cmd);
    }
  });

  it('refuses a time zone that does not exist for the scheduling bot, with a sentence', () => {
    const r = run(['bot', 'scheduling', '--tenant', 'Demo', '--zone', 'Mars/Olympus'], {
      PARLEY_DATA_DIR: tmp(),
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /--zone: "Mars\/Olympus" is not a time zone we know: use an IANA name such as America\/Sao_Paulo/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops on a malformed variable, naming it', () => {
    const r = run(['start'], { PORT: 'eighty', PARLEY_DATA_DIR: tmp() });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^parley: invalid configuration:\n {2}PORT: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits with a clear line when PostgreSQL cannot be reached, without hanging', () => {
    const r = run(['start'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /cannot reach PostgreSQL at DATABASE_URL=postgres:\/\/postgres@127.0.0.1:1\/nowhere/,
    );
  });

  it('exits with a clear line when Redis cannot be reached', () => {
    const r = run(['start'], {
      DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      REDIS_URL: 'redis://127.0.0.1:1',
      WHATSAPP_APP_SECRET: 's',
      WHATSAPP_VERIFY_TOKEN: 't',
      PARLEY_SECRET_KEY: 'ab'.repeat(32),
    });
    expect(r.status).toBe(1);
    // Either PostgreSQL is missing here (also a clear line) or Redis is named.
    expect(r.stderr).toMatch(/cannot reach (Redis at REDIS_URL=redis:\/\/127.0.0.1:1|PostgreSQL)/);
  });

  it('says which port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const r = run(['start'], { PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: tmp() });
    blocker.close();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`port ${port} is already in use`);
  });

  it('refuses a second process on the same data folder', async () => {
    const dir = tmp();
    const first = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PARLEY_DATA_DIR: dir, PARLEY_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        first.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('parley is running')) resolve();
        });
        first.once('exit', (code) => reject(new Error(`first parley exited with ${code}: ${out}`)));
      });
      const r = run(['start'], { PORT: '0', PARLEY_DATA_DIR: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/is in use by another Parley process \(pid \d+\)/);
    } finally {
      first.kill('SIGKILL');
    }
  });
});
