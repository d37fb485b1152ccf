// What a model reader asks for and how its answer becomes an Understanding: one JSON object,
// checked with zod. Shared by the OpenAI-compatible and the Anthropic readers. Models wrap JSON
// in code fences or a sentence now and then: the object is taken from wherever it is.
import { z } from 'zod';
import type { Intent, Understanding } from './understand.ts';

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

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();

export const ModelAnswer = z.object({
  intent: z.enum(INTENTS),
  language: z.enum(['pt', 'en']).nullable(),
  date: day,
  dateEnd: day.optional(),
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable(),
  partOfDay: z.enum(['morning', 'afternoon', 'evening']).nullable(),
});
export type ModelAnswer = z.infer<typeof ModelAnswer>;

/** The answer's shape as JSON Schema, for tool use and structured output. */
export const MODEL_ANSWER_JSON_SCHEMA = z.toJSONSchema(ModelAnswer);

export const MODEL_SYSTEM_PROMPT = `You read WhatsApp messages sent to an appointment-booking assistant of a small business.
Answer with one JSON object and nothing else:
{"intent": one of ${INTENTS.join('|')}, "language": "pt"|"en" or null when the words show neither, "date": "YYYY-MM-DD" or null, "dateEnd": "YYYY-MM-DD" when a span of days is meant ("next week", "the weekend") else null, "time": "HH:MM" (24h) or null, "partOfDay": "morning"|"afternoon"|"evening" or null}.
Resolve relative dates ("amanhã", "sexta que vem", "next Tuesday") against the local date and time given; an explicit date ("dia 12/12") wins over a weekday.`;

/** The user turn: the business's local clock, then the message. */
export function modelUserTurn(text: string, now: Date, zone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    dateStyle: 'short',
    timeStyle: 'short',
    hourCycle: 'h23',
    weekday: undefined,
  }).format(now);
  const weekday = new Intl.DateTimeFormat('en', { timeZone: zone, weekday: 'long' }).format(now);
  return `Local date and time: ${local}, ${weekday} (${zone}).\nMessage: ${text}`;
}

/** The JSON object in a model's text: bare, in ```json fences, or inside a sentence. */
export function jsonIn(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = fenced ? fenced[1]! : text;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('the model answered no JSON object');
  return JSON.parse(body.slice(start, end + 1));
}

const toDay = (s: string | null | undefined) => {
  if (!s) return null;
  const [year, month, dayOfMonth] = s.split('-').map(Number);
  return year && month && dayOfMonth ? { year, month, day: dayOfMonth } : null;
};

export function understandingOf(raw: unknown): Understanding {
  const a = ModelAnswer.parse(raw);
  const [hh, mm] = a.time ? a.time.split(':').map(Number) : [];
  return {
    intent: a.intent,
    language: a.language,
    date: toDay(a.date),
    dateEnd: toDay(a.dateEnd),
    time: hh !== undefined && mm !== undefined && hh < 24 && mm < 60 ? { hour: hh, minute: mm } : null,
    partOfDay: a.partOfDay,
  };
}
