// The parley program: `parley start` runs every role in one process; `gateway`, `worker`,
// `realtime` and `api` run one role; the rest are admin commands. Each command has --help.
import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config/env.ts';
import { ParleyError } from '../errors.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { loadInstanceSecrets } from '../runtime/instance-secrets.ts';
import type { Role } from '../runtime/run-roles.ts';
import { StartupError } from '../runtime/startup-error.ts';
import { DataDirLockedError, lockDataDir } from '../store/data-lock.ts';
import { AdminInputError } from './admin-input-error.ts';
import { printFirstRun } from './first-run-banner.ts';

class CliError extends Error {}

const KNOWN = [ConfigError, StartupError, DataDirLockedError, ParleyError, CliError, AdminInputError];

function setup(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.PARLEY_LOG_LEVEL) };
}

async function runRole(role: Role): Promise<void> {
  const { config, log } = setup();
  // Roles and admin commands load their modules when chosen, so `--help` and one role stay light.
  const { runRoles } = await import('../runtime/run-roles.ts');
  const { announceServer } = await import('./admin-client.ts');
  const running = await runRoles(role, config, log);
  const unannounce =
    config.mode === 'embedded' && role === 'start'
      ? announceServer(config.PARLEY_DATA_DIR, running.port)
      : () => undefined;
  const secrets = loadInstanceSecrets(config);
  printFirstRun({ config, port: running.port, seeded: running.seeded, secrets, role });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down: draining work in hand');
    // The last resort when draining hangs (requests are cut at PARLEY_DRAIN_TIMEOUT_MS already).
    const force = setTimeout(() => {
      log.error({ signal }, 'shutdown did not finish in time: exiting without it');
      process.exit(1);
    }, config.PARLEY_DRAIN_TIMEOUT_MS + 10_000).unref();
    running
      .stop()
      .then(() => {
        unannounce();
        clearTimeout(force);
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err: (err as Error).message }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

async function admin(name: string, input: Record<string, unknown>): Promise<void> {
  const { config, log } = setup();
  const { runAdmin } = await import('./admin-client.ts');
  const result = await runAdmin(name, input, config, log);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function program(): Command {
  const p = new Command('parley')
    .description('Parley: the shared team inbox for WhatsApp Business')
    .showHelpAfterError('(run parley --help for the commands)')
    .exitOverride();

  const roles: [Role, string][] = [
    ['start', 'run every role in one process (what `npm start` does)'],
    ['gateway', 'receive WhatsApp webhooks and append them to the queue'],
    ['worker', 'process queued webhooks into the database'],
    ['realtime', 'push event-log entries to agents over Socket.IO'],
    ['api', 'serve the REST API and the dashboard'],
  ];
  for (const [role, description] of roles)
    p.command(role)
      .description(description)
      .action(() => runRole(role));

  p.command('migrate')
    .description('apply pending database migrations')
    .action(() => admin('migrate', {}));

  p.command('backup <file>')
    .description(
      'copy the embedded data folder (database, secrets, media) to a file; works while Parley runs',
    )
    .action((file: string) => admin('backup', { file: resolve(file) }));

  p.command('restore <file>')
    .description('restore a backup into PARLEY_DATA_DIR (stop Parley first)')
    .option('--force', 'replace the database already in the folder (kept beside it, renamed)')
    .action(async (file: string, o: { force?: boolean }) => {
      const { config } = setup();
      if (config.mode !== 'embedded') {
        throw new CliError(
          'parley restore is for the embedded data folder; on PostgreSQL restore with pg_restore (docs/operations.md)',
        );
      }
      const { restoreDataDir } = await import('../store/backup.ts');
      const { loadPgliteDump } = await import('../store/pglite.ts');
      const unlock = lockDataDir(config.PARLEY_DATA_DIR);
      try {
        const r = await restoreDataDir(resolve(file), config.PARLEY_DATA_DIR, {
          force: o.force ?? false,
          load: loadPgliteDump,
        });
        process.stdout.write(
          `restored ${file} into ${config.PARLEY_DATA_DIR}${r.kept ? ` (the previous database is in ${r.kept})` : ''}\n`,
        );
      } finally {
        unlock();
      }
    });

  const tenant = p.command('tenant').description('manage tenants');
  tenant
    .command('create <name>')
    .description('create a tenant')
    .action((name: string) => admin('tenant-create', { name }));
  tenant
    .command('list')
    .description('list tenants')
    .action(() => admin('tenant-list', {}));

  p.command('agent')
    .description('manage agents')
    .command('create')
    .description('create an agent (a password is generated and printed when none is given)')
    .requiredOption('--tenant <idOrName>', 'the tenant')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', 'owner, admin or agent', 'agent')
    .option('--password <password>', 'at least 8 characters')
    .action((o: Record<string, unknown>) => admin('agent-create', o));

  p.command('channel')
    .description('manage WhatsApp channels')
    .command('add')
    .description('connect a WhatsApp Cloud API number to a tenant')
    .requiredOption('--tenant <idOrName>', 'the tenant')
    .requiredOption('--name <name>', 'a name for the number')
    .requiredOption('--phone-number-id <id>', "Meta's phone number id")
    .option('--display-phone-number <number>', 'the number as shown to customers')
    .option('--waba-id <id>', 'the WhatsApp Business account id')
    .option('--access-token <token>', 'the Graph API token (stored encrypted)')
    .option('--app-secret <secret>', "the app secret for this channel's own webhook URL (stored encrypted)")
    .option('--verify-token <token>', 'verify token for this channel’s webhook URL (generated when omitted)')
    .action((o: Record<string, unknown>) => admin('channel-add', o));

  p.command('bot')
    .description('bots in front of channels')
    .command('scheduling')
    .description(
      "put the scheduling bot in front of a tenant's channels (default hours, service and staff when none are set)",
    )
    .requiredOption('--tenant <idOrName>', 'the tenant, e.g. Demo')
    .option('--zone <zone>', 'IANA time zone of the business', 'America/Sao_Paulo')
    .action((o: { tenant: string; zone: string }) => admin('bot-scheduling', o));

  const queue = p.command('queue').description('inspect the ingest queue');
  queue
    .command('stats')
    .description('lanes, depth, lag and dead letters')
    .action(() => admin('queue-stats', {}));
  queue
    .command('dead')
    .description('list dead-lettered jobs')
    .option('--limit <n>', 'how many', '50')
    .action((o: { limit: string }) => admin('queue-dead', { limit: o.limit }));
  queue
    .command('replay [ids...]')
    .description('put dead-lettered jobs back in their lanes (all when no id is given)')
    .action((ids: string[]) => admin('queue-replay', ids.length > 0 ? { ids } : {}));

  const quarantine = p
    .command('quarantine')
    .description('signed payloads that could not be routed or parsed');
  quarantine
    .command('list')
    .description('list quarantined payloads')
    .option('--limit <n>', 'how many', '50')
    .option('--all', 'include replayed ones')
    .action((o: { limit: string; all?: boolean }) =>
      admin('quarantine-list', { limit: o.limit, all: o.all ?? false }),
    );
  quarantine
    .command('replay [ids...]')
    .description('route quarantined payloads again (all when no id is given)')
    .action((ids: string[]) => admin('quarantine-replay', ids.length > 0 ? { ids } : {}));

  p.command('webhook')
    .description('webhook tools')
    .command('test')
    .description('send a signed test message to a running Parley, as Meta would')
    .option('--url <url>', 'webhook URL', '')
    .option('--text <text>', 'message text', 'Hello from the test webhook 👋')
    .option('--from <waId>', "the customer's WhatsApp id", '15551234567')
    .option('--name <name>', "the customer's profile name", 'Test Customer')
    .action(async (o: { url: string; text: string; from: string; name: string }) => {
      const { config } = setup();
      const url = o.url || `http://127.0.0.1:${config.PORT}/webhooks/whatsapp`;
      const { appSecret } = loadInstanceSecrets(config);
      const { sendTestWebhook } = await import('./send-test-webhook.ts');
      const res = await sendTestWebhook({ url, appSecret, text: o.text, from: o.from, name: o.name });
      if (res.status !== 200) throw new CliError(`${url} answered ${res.status}: ${res.body}`);
      process.stdout.write(`sent: ${url} answered 200 (${res.body})\n`);
    });
  return p;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (
      KNOWN.some((k) => err instanceof k) ||
      (err instanceof Error && !err.stack?.includes('node_modules'))
    ) {
      process.stderr.write(`parley: ${(err as Error).message}\n`);
    } else {
      process.stderr.write(`parley: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    }
    process.exit(1);
  }
}
