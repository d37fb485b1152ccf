// Configuration comes from the environment only, validated once at start with one schema.
// A wrong value stops the program with a sentence naming the variable and what it expects.
import { z } from 'zod';
import { NewPasswordSchema } from '../auth/password-policy.ts';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}//`)), {
      message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });

const port = z.coerce.number().int().min(0).max(65535);

/**
 * Whom to believe about the client's address (X-Forwarded-For): nobody by default, so a client
 * cannot pick its own address and escape the per-address login limit. A number trusts that many
 * proxy hops; a comma list trusts those addresses or CIDR ranges (Fastify's trustProxy).
 */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    if (v === undefined || v === '' || v === 'false' || v === '0') return false;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (list.every((a) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a))) return list;
    ctx.addIssue({
      code: 'custom',
      message: 'expected a number of proxy hops (e.g. 1) or a comma list of proxy addresses or CIDR ranges',
    });
    return z.NEVER;
  });

/** Variables whose values never appear in an error message (an operator pastes those into tickets). */
const SECRET_VARIABLES = new Set([
  'PARLEY_ADMIN_PASSWORD',
  'PARLEY_SECRET_KEY',
  'PARLEY_SECRET_KEY_FILE',
  'PARLEY_BOT_MODEL_KEY',
  'PARLEY_S3_SECRET_ACCESS_KEY',
  'PARLEY_S3_ACCESS_KEY_ID',
  'WHATSAPP_APP_SECRET',
  'WHATSAPP_VERIFY_TOKEN',
]);

/** What an error message may show of a value: nothing of a secret, a URL without its password. */
export function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_VARIABLES.has(name)) return `a value of ${value.length} characters, not shown`;
  const shown = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_m, scheme: string) => `${scheme}***@`);
  return JSON.stringify(shown);
}

export const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  PARLEY_DATA_DIR: z.string().min(1).default('./data'),
  PARLEY_PUBLIC_URL: optionalUrl(['http:', 'https:']),
  PARLEY_ADMIN_EMAIL: z.email().optional(),
  PARLEY_ADMIN_PASSWORD: NewPasswordSchema.optional(),
  PARLEY_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'expected 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`')
    .optional(),
  // The public port's defences against slow and numerous clients (docs/security.md).
  PARLEY_TRUST_PROXY: trustProxy,
  PARLEY_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  PARLEY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  PARLEY_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(65_000),
  PARLEY_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(10_000),
  // Addresses or CIDR ranges that the guarded fetch may call although they are not public (the
  // WhatsApp simulator on 127.0.0.1, a model on the local network). Every tenant's URLs may then
  // reach them: for development and tests only.
  PARLEY_FETCH_ALLOW: z
    .string()
    .trim()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .refine((list) => list.every((a) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a)), {
      message: 'expected a comma list of IP addresses or CIDR ranges, e.g. 127.0.0.1',
    }),
  // Hosts besides the Graph API's own that may receive a channel's access token: Meta serves the
  // media files that Graph points at from this host, and it asks for the token.
  WHATSAPP_MEDIA_HOSTS: z
    .string()
    .trim()
    .default('lookaside.fbsbx.com')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  PARLEY_WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  PARLEY_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, 'expected letters, digits, _ or -')
    .default('parley'),
  PARLEY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  PARLEY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PARLEY_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  PARLEY_PRESENCE_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  PARLEY_BOT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  PARLEY_BOT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PARLEY_BOT_MODEL_URL: optionalUrl(['http:', 'https:']),
  PARLEY_BOT_MODEL_KEY: z.string().min(1).optional(),
  PARLEY_BOT_MODEL: z.string().min(1).default('gpt-4o-mini'),
  // Which wire format PARLEY_BOT_MODEL_URL speaks; unset: Anthropic's for claude-* models.
  PARLEY_BOT_MODEL_PROVIDER: z.enum(['openai', 'anthropic']).optional(),
  // Google Calendar's API root (a local stand-in in tests); Google's when unset.
  PARLEY_GOOGLE_CALENDAR_URL: optionalUrl(['http:', 'https:']),
  PARLEY_BOT_MODEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  WHATSAPP_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1).optional(),
  // Embedded Signup (docs/connect-whatsapp.md): the Meta app's id and its WhatsApp configuration id.
  PARLEY_META_APP_ID: z
    .string()
    .regex(/^[\w-]+$/, 'expected the Meta app id')
    .optional(),
  PARLEY_META_CONFIG_ID: z.string().min(1).optional(),
  WHATSAPP_GRAPH_URL: optionalUrl(['http:', 'https:']).transform((v) => v ?? 'https://graph.facebook.com'),
  WHATSAPP_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'expected a Graph API version like v23.0')
    .default('v23.0'),
  // Outbound (docs/outbound.md): messages per second per business number, worker loops, and how
  // long a send whose answer was lost waits for a status webhook before the agent is offered Retry.
  PARLEY_OUTBOUND_RATE: z.coerce.number().positive().default(80),
  PARLEY_OUTBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  PARLEY_OUTBOUND_UNKNOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60 * 1000),
  // How often a worker copies new events into outgoing-webhook deliveries and sends what is due;
  // 0: this process sends none (another worker does).
  PARLEY_WEBHOOKS_EVERY_MS: z.coerce.number().int().min(0).default(1000),
  // How often the worker queues stored sends whose job never reached the queue (and how old they
  // must be): the API died after the commit, or Redis did not answer (docs/faults.md).
  PARLEY_OUTBOUND_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
  // How often the worker refreshes each channel's message templates from the Graph API.
  PARLEY_TEMPLATE_REFRESH_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10 * 60 * 1000),
  // On SIGTERM, HTTP requests still running after this are cut (the process then finishes its work
  // in hand and exits 0; ten seconds more and it exits 1 without waiting).
  PARLEY_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(20_000),
  // Scale mode refuses a Redis that can lose acknowledged jobs (no AOF, or evicting) unless this says
  // the loss is accepted; it is then logged at error level at every start (docs/faults.md).
  PARLEY_REDIS_ALLOW_DATA_LOSS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  // Media in an S3-compatible store when PARLEY_S3_BUCKET is set; otherwise PARLEY_DATA_DIR/media.
  PARLEY_S3_BUCKET: z.string().min(1).optional(),
  PARLEY_S3_ENDPOINT: optionalUrl(['http:', 'https:']),
  PARLEY_S3_REGION: z.string().min(1).default('us-east-1'),
  PARLEY_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  PARLEY_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export type Env = z.infer<typeof EnvSchema>;
export type Mode = 'embedded' | 'postgres' | 'scale';

export interface Config extends Env {
  mode: Mode;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws ConfigError with one line per problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      return `${name}: ${i.message} (got ${shownValue(name, source[name])})`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  if (env.REDIS_URL && !env.DATABASE_URL) {
    throw new ConfigError(
      'REDIS_URL is set but DATABASE_URL is not: scale mode needs both (PostgreSQL holds the data, Redis the queues). ' +
        'Set DATABASE_URL, or unset REDIS_URL for the embedded default.',
    );
  }
  const mode: Mode = env.DATABASE_URL ? (env.REDIS_URL ? 'scale' : 'postgres') : 'embedded';
  if (mode === 'scale') {
    const missing = (['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'PARLEY_SECRET_KEY'] as const).filter(
      (k) => !env[k],
    );
    if (missing.length > 0) {
      throw new ConfigError(
        `scale mode requires ${missing.join(', ')} (generated only in the embedded default)`,
      );
    }
  }
  return { ...env, mode };
}
