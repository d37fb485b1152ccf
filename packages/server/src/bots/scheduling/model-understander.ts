// An optional model-backed reader (any OpenAI-compatible chat completions endpoint, through the
// official SDK). The deterministic reader stays the backup: a model that errs, answers nonsense or
// takes longer than the budget costs nothing but the budget.
import { z } from 'zod';
import type { Intent, Understanding } from './understand.ts';
import { deterministicUnderstander, type Understander } from './understander.ts';

export interface ModelUnderstanderOptions {
  apiKey: string;
  model: string;
  /** Base URL of the API (default OpenAI's); any server speaking the same wire format works. */
  baseURL?: string;
  timeoutMs: number;
  fallback?: Understander;
  onFallback?: (reason: string) => void;
}

const INTENTS = [
  'book',
  'availability',
  'reschedule',
  'cancel',
  'human',
  'complaint',
  'yes',
  'no',
  'list',
  'thanks',
  'greeting',
  'unknown',
] as const satisfies readonly Intent[];

const Answer = z.object({
  intent: z.enum(INTENTS),
  language: z.enum(['pt', 'en']).nullable(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable(),
  partOfDay: z.enum(['morning', 'afternoon', 'evening']).nullable(),
});

const SYSTEM = `You read WhatsApp messages sent to an appointment-booking assistant.
Answer with one JSON object and nothing else:
{"intent": one of ${INTENTS.join('|')}, "language": "pt"|"en", "date": "YYYY-MM-DD" or null, "time": "HH:MM" (24h) or null, "partOfDay": "morning"|"afternoon"|"evening" or null}.
Resolve relative dates ("amanhã", "next Tuesday") against the local date and time given.`;

export function createModelUnderstander(opts: ModelUnderstanderOptions): Understander {
  // The SDK loads on the first read, so processes without a model (and roles without bots) never
  // pay for it; a failed load falls back like any other model failure.
  let loaded: Promise<import('openai').OpenAI> | null = null;
  const sdk = () =>
    (loaded ??= import('openai').then(
      ({ OpenAI }) =>
        new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs, maxRetries: 0 }),
    ));
  const fallback = opts.fallback ?? deterministicUnderstander;
  return {
    async read(text, now, zone) {
      const local = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        dateStyle: 'short',
        timeStyle: 'short',
        hourCycle: 'h23',
      }).format(now);
      try {
        const client = await sdk();
        const completion = await client.chat.completions.create(
          {
            model: opts.model,
            response_format: { type: 'json_object' },
            temperature: 0,
            messages: [
              { role: 'system', content: SYSTEM },
              { role: 'user', content: `Local date and time: ${local} (${zone}).\nMessage: ${text}` },
            ],
          },
          { timeout: opts.timeoutMs },
        );
        const content = completion.choices[0]?.message.content ?? '';
        const a = Answer.parse(JSON.parse(content));
        const [y, m, d] = a.date ? a.date.split('-').map(Number) : [];
        const [hh, mm] = a.time ? a.time.split(':').map(Number) : [];
        const u: Understanding = {
          intent: a.intent,
          language: a.language,
          date: y && m && d ? { year: y, month: m, day: d } : null,
          dateEnd: null,
          time: hh !== undefined && mm !== undefined ? { hour: hh, minute: mm } : null,
          partOfDay: a.partOfDay,
        };
        return u;
      } catch (err) {
        opts.onFallback?.((err as Error).message);
        return fallback.read(text, now, zone);
      }
    },
  };
}
