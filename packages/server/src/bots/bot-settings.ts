// The bot worker's settings from configuration: timeout, per-tenant concurrency, the guarded fetch
// that calls webhook bots and the model (net/guarded-fetch.ts), and the model reader when
// PARLEY_BOT_MODEL_KEY is set — OpenAI-compatible or Anthropic (Claude) — with the deterministic
// reader otherwise, and as its backup.
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { createGuardedFetch, type GuardedFetch } from '../net/guarded-fetch.ts';
import { createClaudeUnderstander } from './scheduling/claude-understander.ts';
import { createModelUnderstander } from './scheduling/model-understander.ts';
import type { Understander } from './scheduling/understander.ts';

export function botSettings(
  config: Config,
  log: Logger,
): {
  timeoutMs: number;
  perTenant: number;
  concurrency: number;
  understander?: Understander;
  fetch: GuardedFetch;
  googleCalendarUrl?: string;
  onGoogleError: (message: string) => void;
} {
  const guarded = createGuardedFetch({ allow: config.PARLEY_FETCH_ALLOW });
  const provider =
    config.PARLEY_BOT_MODEL_PROVIDER ??
    (config.PARLEY_BOT_MODEL.startsWith('claude') ? 'anthropic' : 'openai');
  const create = provider === 'anthropic' ? createClaudeUnderstander : createModelUnderstander;
  const understander = config.PARLEY_BOT_MODEL_KEY
    ? create({
        apiKey: config.PARLEY_BOT_MODEL_KEY,
        model: config.PARLEY_BOT_MODEL,
        baseURL: config.PARLEY_BOT_MODEL_URL,
        timeoutMs: config.PARLEY_BOT_MODEL_TIMEOUT_MS,
        fetch: guarded as unknown as typeof fetch,
        onFallback: (reason) =>
          log.warn({ reason }, 'bots: model reader failed; the deterministic reader answered'),
      })
    : undefined;
  return {
    timeoutMs: config.PARLEY_BOT_TIMEOUT_MS,
    perTenant: config.PARLEY_BOT_CONCURRENCY,
    concurrency: config.PARLEY_WORKER_CONCURRENCY,
    fetch: guarded,
    ...(understander ? { understander } : {}),
    ...(config.PARLEY_GOOGLE_CALENDAR_URL ? { googleCalendarUrl: config.PARLEY_GOOGLE_CALENDAR_URL } : {}),
    onGoogleError: (message) =>
      log.warn({ reason: message }, 'bots: Google Calendar failed; the booking stands'),
  };
}
