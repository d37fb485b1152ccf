// Runs an admin operation where the data is: through a running embedded server's admin API when
// one holds the data folder, otherwise against the database directly.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AdminDeps, adminOperation } from '../admin/operations.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { loadInstanceSecrets } from '../runtime/instance-secrets.ts';
import { openBackends } from '../runtime/open-backends.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { createChannelDirectory } from '../webhook/channel-directory.ts';
import { AdminInputError } from './admin-input-error.ts';

const serverFile = (dir: string) => join(dir, 'server.json');

export function announceServer(dir: string, port: number): () => void {
  writeFileSync(serverFile(dir), JSON.stringify({ pid: process.pid, port }));
  return () => rmSync(serverFile(dir), { force: true });
}

function runningServer(dir: string): { port: number } | null {
  const file = serverFile(dir);
  if (!existsSync(file)) return null;
  const { pid, port } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; port: number };
  try {
    process.kill(pid, 0);
    return { port };
  } catch {
    return null;
  }
}

export async function runAdmin(name: string, input: unknown, config: Config, log: Logger): Promise<unknown> {
  const op = adminOperation(name);
  if (!op) throw new Error(`unknown admin operation ${name}`);
  const parsed = op.input.safeParse(input);
  if (!parsed.success) {
    throw new AdminInputError(
      parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'input')}: ${i.message}`).join('; '),
    );
  }
  const secrets = loadInstanceSecrets(config);
  const server = config.mode === 'embedded' ? runningServer(config.PARLEY_DATA_DIR) : null;
  if (server) {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/admin/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secrets.adminToken}` },
      body: JSON.stringify(parsed.data),
    });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (!res.ok) throw new Error(body.error?.message ?? `the server answered ${res.status}`);
    return body.result;
  }
  const backends = await openBackends(config, log);
  try {
    const box = createSecretBox(secrets.secretKey);
    const deps: AdminDeps = {
      config,
      db: backends.db,
      queue: backends.queue,
      box,
      channels: createChannelDirectory(backends.db, box),
    };
    if (name !== 'migrate') await adminOperation('migrate')!.run(deps, {});
    return await op.run(deps, parsed.data);
  } finally {
    await backends.close();
  }
}
