// What a newcomer needs after `npm start`: where the dashboard is, how to log in, and what to
// paste into Meta. The generated password is printed here once, to the terminal, never logged.
import type { Config } from '../config/env.ts';
import type { InstanceSecrets } from '../runtime/instance-secrets.ts';
import type { Role } from '../runtime/run-roles.ts';
import type { Seeded } from '../seed/first-run.ts';

export function printFirstRun(o: {
  config: Config;
  port: number;
  seeded: Seeded | null;
  secrets: InstanceSecrets;
  role: Role;
}): void {
  if (o.role !== 'start' && o.role !== 'api' && o.role !== 'gateway') return;
  const base = o.config.PARLEY_PUBLIC_URL ?? `http://localhost:${o.port}`;
  const lines = [
    '',
    `  Parley is running (${o.config.mode} mode)`,
    `  Dashboard:      ${base}/`,
    `  API docs:       ${base}/api/v1/docs`,
    `  Webhook URL:    ${base}/webhooks/whatsapp`,
    `  Verify token:   ${o.secrets.verifyToken}`,
  ];
  if (o.seeded) {
    lines.push(`  Log in as:      ${o.seeded.email}`);
    if (o.seeded.generatedPassword)
      lines.push(
        `  Password:       ${o.seeded.generatedPassword}   (shown once; change it after logging in)`,
      );
    if (o.secrets.generated || !o.config.WHATSAPP_APP_SECRET) {
      lines.push(
        `  App secret:     kept in ${o.config.PARLEY_DATA_DIR}/secrets.json (set WHATSAPP_APP_SECRET to use Meta's)`,
      );
    }
  }
  lines.push(`  Send a test message:  npm run parley -- webhook test`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
