// The systems under test, each in a process of its own (the load generator stays in the bench's
// process): Parley roles started through its real `parley` program, and the baseline servers.
// Databases are provisioned before a server starts, so the embedded one finds its tenants ready.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addChannel, createTenant } from '../../packages/server/src/admin/accounts.ts';
import { seedFirstRun } from '../../packages/server/src/seed/first-run.ts';
import type { Db } from '../../packages/server/src/store/db.ts';
import { migrate } from '../../packages/server/src/store/migrate.ts';
import { openPglite } from '../../packages/server/src/store/pglite.ts';
import { openPostgres } from '../../packages/server/src/store/postgres.ts';
import { createSecretBox } from '../../packages/server/src/store/secret-box.ts';
import { freePort } from '../../packages/server/src/test-support/free-port.ts';
import { startNodeProcess } from '../../packages/server/src/test-support/role-process.ts';
import {
  createTestDatabase,
  dropRedisPrefix,
  redisEnv,
  uniqueName,
} from '../../packages/server/src/test-support/services.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARLEY = join(ROOT, 'packages/server/bin/parley.mjs');

export interface Proc {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export { freePort };

/** Starts a process and waits until GET readyPath answers 200. */
export async function startProc(
  args: string[],
  env: Record<string, string>,
  readyPath: string,
  timeoutMs = 60_000,
): Promise<Proc> {
  const p = await startNodeProcess(args, env, { readyPath, timeoutMs, cwd: ROOT });
  return {
    url: p.url,
    child: p.child,
    output: p.output,
    async stop() {
      if (p.child.exitCode !== null) return;
      const force = setTimeout(() => p.child.kill('SIGKILL'), 5000);
      await p.terminate();
      clearTimeout(force);
    },
  };
}

export const startParley = (role: string, env: Record<string, string>) =>
  startProc([PARLEY, role], env, '/healthz');

export const startBaseline = (file: string, env: Record<string, string>) =>
  startProc(['--import', 'tsx', join(ROOT, 'bench/servers', file)], env, '/healthz');

export interface TenantSpec {
  name: string;
  phoneNumberId: string;
}

export interface Provisioned {
  mode: 'embedded' | 'scale';
  env: Record<string, string>;
  appSecret: string;
  prefix: string;
  /** Tenant ids by phone number id (the seeded Demo tenant included). */
  tenants: Map<string, string>;
  /** PostgreSQL connection of the bench (scale mode only) for counting committed rows. */
  db: Db | null;
  cleanup(): Promise<void>;
}

async function provisionInto(db: Db, secretKey: string, tenants: TenantSpec[]) {
  await migrate(db);
  const box = createSecretBox(secretKey);
  await seedFirstRun(db, box, { email: 'owner@parley.bench', password: 'bench-password-1' });
  for (const t of tenants) {
    await db.tx(async (q) => {
      const tenant = await createTenant(q, t.name);
      await addChannel(q, box, tenant.id, { name: t.name, phoneNumberId: t.phoneNumberId });
    });
  }
  const { rows } = await db.query<{ phone_number_id: string; tenant_id: string }>(
    'SELECT phone_number_id, tenant_id FROM channels',
  );
  return new Map(rows.map((r) => [r.phone_number_id, r.tenant_id]));
}

/** A fresh database (and Redis key prefix, in scale mode) with the Demo tenant and `tenants`. */
export async function provision(
  mode: 'embedded' | 'scale',
  tenants: TenantSpec[] = [],
): Promise<Provisioned> {
  const appSecret = randomBytes(16).toString('hex');
  const secretKey = randomBytes(32).toString('hex');
  const prefix = uniqueName('bench');
  const base = {
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'bench-verify',
    PARLEY_SECRET_KEY: secretKey,
    PARLEY_QUEUE_PREFIX: prefix,
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_ADMIN_EMAIL: 'owner@parley.bench',
    PARLEY_ADMIN_PASSWORD: 'bench-password-1',
  };
  if (mode === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    const db = await openPglite(join(dir, 'pgdata'));
    const ids = await provisionInto(db, secretKey, tenants);
    await db.close();
    return {
      mode,
      env: { ...base, PARLEY_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '' },
      appSecret,
      prefix,
      tenants: ids,
      db: null,
      async cleanup() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await createTestDatabase();
  const db = await openPostgres(database.url);
  const ids = await provisionInto(db, secretKey, tenants);
  return {
    mode,
    env: { ...base, DATABASE_URL: database.url, ...redisEnv() },
    appSecret,
    prefix,
    tenants: ids,
    db,
    async cleanup() {
      await db.close();
      await dropRedisPrefix(prefix);
      await database.drop();
    },
  };
}
