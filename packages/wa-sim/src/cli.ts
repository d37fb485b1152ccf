import { parseArgs } from 'node:util';
import { verifyHandshake } from './handshake.ts';
import { LOAD_HELP, loadCommand } from './load-command.ts';
import { SEND_HELP, sendCommand } from './send-command.ts';
import { SERVE_HELP, serveCommand } from './serve-command.ts';

const HELP = `wa-sim: a WhatsApp Cloud API simulator and load generator for Parley

Usage: wa-sim <command> [options]     (every command takes --help)

  serve     run the Graph API and send webhooks to Parley (with --demo: a live conversation stream)
  send      send one inbound event (text, image, voice, location, reaction, …)
  load      open-loop load of signed webhooks with a latency table
  verify    perform Meta's GET verify handshake against a webhook URL
`;

const VERIFY_HELP = `wa-sim verify: Meta's GET verify handshake (hub.mode, hub.verify_token, hub.challenge)

Usage: wa-sim verify --webhook-url URL --verify-token T
  Exits 0 when the webhook answers 200 with the challenge, 1 otherwise.
`;

async function verifyCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'webhook-url': { type: 'string' },
      'verify-token': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    out(VERIFY_HELP);
    return 0;
  }
  const url = values['webhook-url'] ?? process.env.WA_SIM_WEBHOOK_URL;
  const token = values['verify-token'] ?? process.env.WHATSAPP_VERIFY_TOKEN;
  if (!url || !token) throw new Error('--webhook-url and --verify-token are required.');
  const result = await verifyHandshake(url, token);
  out(
    result.ok
      ? `ok: ${url} echoed the challenge`
      : `failed: status ${result.status}, body "${result.body.slice(0, 200)}" (expected "${result.challenge}")`,
  );
  return result.ok ? 0 : 1;
}

export const HELPS = { serve: SERVE_HELP, send: SEND_HELP, load: LOAD_HELP, verify: VERIFY_HELP };

/** Runs one command; returns the exit code. Output goes to stdout, progress and errors to stderr. */
export async function main(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const tty = process.stderr.isTTY;
  const progress = {
    update: (line: string) => process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`),
    end: () => tty && process.stderr.write('\n'),
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest, out);
      case 'send':
        return await sendCommand(rest, out);
      case 'load':
        return await loadCommand(rest, out, progress);
      case 'verify':
        return await verifyCommand(rest, out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(HELP);
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`wa-sim: unknown command "${command}"\n\n${HELP}`);
        return 1;
    }
  } catch (error) {
    process.stderr.write(`wa-sim ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
