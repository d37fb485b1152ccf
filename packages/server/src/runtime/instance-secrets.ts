// Secrets the embedded default generates on its first run and keeps in the data folder (mode 600),
// so `npm start` needs no configuration. Values from the environment always win.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/env.ts';
import { ConfigError } from '../config/env.ts';

export interface InstanceSecrets {
  appSecret: string;
  verifyToken: string;
  secretKey: string;
  /** Lets `parley` admin commands reach the running server's admin API. */
  adminToken: string;
  generated: boolean;
}

export const secretsFile = (dataDir: string) => join(dataDir, 'secrets.json');

export function loadInstanceSecrets(config: Config): InstanceSecrets {
  if (config.mode === 'scale') {
    return {
      appSecret: config.WHATSAPP_APP_SECRET!,
      verifyToken: config.WHATSAPP_VERIFY_TOKEN!,
      secretKey: config.PARLEY_SECRET_KEY!,
      adminToken: '',
      generated: false,
    };
  }
  mkdirSync(config.PARLEY_DATA_DIR, { recursive: true });
  const file = secretsFile(config.PARLEY_DATA_DIR);
  let stored: Partial<InstanceSecrets> = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<InstanceSecrets>;
    } catch (err) {
      throw new ConfigError(
        `${file} is not valid JSON (${(err as Error).message}); restore it from a backup`,
      );
    }
  }
  const generated = !stored.secretKey;
  const secrets = {
    appSecret: stored.appSecret ?? randomBytes(24).toString('hex'),
    verifyToken: stored.verifyToken ?? randomBytes(12).toString('hex'),
    secretKey: stored.secretKey ?? randomBytes(32).toString('hex'),
    adminToken: stored.adminToken ?? `adm_${randomBytes(32).toString('base64url')}`,
  };
  if (generated || Object.keys(stored).length < 4) {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    appSecret: config.WHATSAPP_APP_SECRET ?? secrets.appSecret,
    verifyToken: config.WHATSAPP_VERIFY_TOKEN ?? secrets.verifyToken,
    secretKey: config.PARLEY_SECRET_KEY ?? secrets.secretKey,
    adminToken: secrets.adminToken,
    generated,
  };
}
