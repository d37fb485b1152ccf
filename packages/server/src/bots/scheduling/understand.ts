// The deterministic reader of the scheduling bot: what the customer wants (intent), which day or
// days, what time or part of the day, and the language the words show — in Portuguese (Brazil)
// and English, as customers actually write them (no accents, abbreviations, "hj", "meio dia",
// "15hrs"). Pure: the business's clock and time zone come in. The corpus in
// fixtures/scheduling/reading-corpus.json is its measure (see understand-corpus.test.ts).
import { DateTime } from 'luxon';
import { type LocalDate, readDate } from './read-date.ts';
import { type Intent, readIntent } from './read-intent.ts';
import { type Language, readLanguage } from './read-language.ts';
import { normalise } from './read-text.ts';
import { type PartOfDay, readTime } from './read-time.ts';

export type { Intent, Language, LocalDate, PartOfDay };

export interface Understanding {
  intent: Intent;
  /** The language the words show; null when they show none (the dialogue keeps the contact's). */
  language: Language | null;
  date: LocalDate | null;
  /** The last day when the customer named a span ("semana que vem", "the weekend"). */
  dateEnd: LocalDate | null;
  time: { hour: number; minute: number } | null;
  partOfDay: PartOfDay | null;
}

export const emptyUnderstanding = (intent: Intent = 'unknown'): Understanding => ({
  intent,
  language: null,
  date: null,
  dateEnd: null,
  time: null,
  partOfDay: null,
});

export const detectLanguage = (text: string): Language | null => readLanguage(normalise(text));

export const intentOf = (text: string): Intent => readIntent(normalise(text));

export const timeOf = (text: string) => readTime(normalise(text)).time;

// Answers that carry a day or time are a request for that time ("pode ser às 10?", "não, às 11").
const CARRIES_WISH: Intent[] = ['yes', 'no', 'unknown', 'greeting'];

export function understand(text: string, now: Date, zone: string): Understanding {
  const t = normalise(text);
  const language = readLanguage(t);
  const local = DateTime.fromJSDate(now, { zone });
  const today = { year: local.year, month: local.month, day: local.day };
  const d = readDate(t, today, language);
  const tm = readTime(d.rest);
  let intent = readIntent(t);
  if (CARRIES_WISH.includes(intent) && (d.date || tm.time || tm.partOfDay)) intent = 'book';
  return { intent, language, date: d.date, dateEnd: d.dateEnd, time: tm.time, partOfDay: tm.partOfDay };
}
