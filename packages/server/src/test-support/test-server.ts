// A whole `parley start` on a free port for tests: the embedded default in a temporary data folder,
// or PostgreSQL when a database URL is given. Every role runs, so HTTP, webhooks and Socket.IO can
// all be exercised against it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { AppContext } from '../app-context.ts';
import { loadConfig } from '../config/env.ts';
import { type Running, runRoles } from '../runtime/run-roles.ts';

export const TEST_ADMIN_EMAIL = 'owner@parley.test';
export const TEST_ADMIN_PASSWORD = 'owner-password-1';

export interface TestServer {
  baseUrl: string;
  ctx: AppContext;
  running: Running;
  /** Owner credentials of the seeded tenant "Demo". */
  admin: { email: string; password: string; tenantId: string };
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** PostgreSQL (from createTestDatabase()); absent: the embedded default in a temp folder. */
  databaseUrl?: string;
  /** Extra environment variables (they win over the defaults here). */
  env?: Record<string, string>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
    PARLEY_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    PARLEY_LOG_LEVEL: 'silent',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  });
  const log = pino({ level: 'silent' });
  let running: Running;
  try {
    running = await runRoles('start', config, log);
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const { rows } = await running.ctx.db.query<{ tenant_id: string }>(
    'SELECT tenant_id FROM agents WHERE lower(email) = lower($1)',
    [TEST_ADMIN_EMAIL],
  );
  return {
    baseUrl: `http://127.0.0.1:${running.port}`,
    ctx: running.ctx,
    running,
    admin: { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD, tenantId: rows[0]!.tenant_id },
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
