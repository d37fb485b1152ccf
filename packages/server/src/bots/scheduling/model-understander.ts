// An optional model-backed reader (any OpenAI-compatible chat completions endpoint, through the
// official SDK). The deterministic reader stays the backup: a model that errs, answers nonsense or
// takes longer than the budget costs nothing but the budget.
import { jsonIn, MODEL_SYSTEM_PROMPT, modelUserTurn, understandingOf } from './model-answer.ts';
import { deterministicUnderstander, type Understander } from './understander.ts';

export interface ModelUnderstanderOptions {
  apiKey: string;
  model: string;
  /** Base URL of the API (default the provider's); any server speaking the same wire format works. */
  baseURL?: string;
  timeoutMs: number;
  fallback?: Understander;
  onFallback?: (reason: string) => void;
  /** The fetch the SDK uses (the guarded outbound fetch in production). */
  fetch?: typeof fetch;
}

export function createModelUnderstander(opts: ModelUnderstanderOptions): Understander {
  // The SDK loads on the first read, so processes without a model (and roles without bots) never
  // pay for it; a failed load falls back like any other model failure.
  let loaded: Promise<import('openai').OpenAI> | null = null;
  const sdk = () =>
    (loaded ??= import('openai').then(
      ({ OpenAI }) =>
        new OpenAI({
          apiKey: opts.apiKey,
          baseURL: opts.baseURL,
          timeout: opts.timeoutMs,
          maxRetries: 0,
          ...(opts.fetch ? { fetch: opts.fetch } : {}),
        }),
    ));
  const fallback = opts.fallback ?? deterministicUnderstander;
  return {
    async read(text, now, zone) {
      try {
        const client = await sdk();
        const completion = await client.chat.completions.create(
          {
            model: opts.model,
            response_format: { type: 'json_object' },
            temperature: 0,
            messages: [
              { role: 'system', content: MODEL_SYSTEM_PROMPT },
              { role: 'user', content: modelUserTurn(text, now, zone) },
            ],
          },
          { timeout: opts.timeoutMs },
        );
        return understandingOf(jsonIn(completion.choices[0]?.message.content ?? ''));
      } catch (err) {
        opts.onFallback?.((err as Error).message);
        return fallback.read(text, now, zone);
      }
    },
  };
}
