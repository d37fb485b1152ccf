// The deterministic reader of the scheduling bot: what the customer wants (intent) and when
// (a local date, a time, a part of the day), in Portuguese and English. Dates come from chrono
// (its pt and en parsers); times are read by our own rules too, because chrono's Portuguese
// parser misses the everyday forms ("às 15h", "15h30", "3 da tarde").
import * as chrono from 'chrono-node';
import * as chronoPt from 'chrono-node/pt';
import { DateTime } from 'luxon';

export type Intent =
  | 'book'
  | 'availability'
  | 'reschedule'
  | 'cancel'
  | 'human'
  | 'yes'
  | 'no'
  | 'list'
  | 'greeting'
  | 'unknown';
export type Language = 'pt' | 'en';
export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface Understanding {
  intent: Intent;
  language: Language;
  date: LocalDate | null;
  time: { hour: number; minute: number } | null;
  partOfDay: PartOfDay | null;
}

const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

// Ordered: the first rule that matches wins, so "cancel" beats "book" in "quero cancelar a marcação",
// and a reply that starts with yes or no ("outro horário") is read as that answer.
const RULES: [Intent, RegExp][] = [
  [
    'human',
    /\b(human[oa]?|atendente|pessoa|agente|alguem|falar com|operator|agent|person|someone|talk to|speak to)\b/,
  ],
  ['cancel', /\b(cancel\w*|desmarc\w*)\b/],
  ['reschedule', /\b(remarc\w*|reagend\w*|mudar|trocar|adiar|antecipar|move|reschedul\w*|change)\b/],
  ['list', /\b(minhas? (marcac\w*|consultas?|agendamentos?|horarios?)|my (appointments?|bookings?))\b/],
  [
    'availability',
    /\b(livres?|disponi\w*|vagas?|tem horario|quais horarios|free|available|availability|openings?)\b/,
  ],
  ['yes', /^(sim|s|isso|pode ser|confirm\w*|ok|okay|claro|yes|y|yeah|yep|sure|perfeito|perfect|certo)\b/],
  ['no', /^(nao|n|no|nope|outro|outra|other|another)\b/],
  ['book', /\b(marc\w*|agend\w*|reserv\w*|horario|book\w*|appointment|schedule|reserve)\b/],
  ['greeting', /^(oi|ola|bom dia|boa tarde|boa noite|hi|hello|hey|good (morning|afternoon|evening))\b/],
];

const PT_HINTS =
  /\b(quero|marcar|amanha|hoje|horario|sexta|segunda|terca|quarta|quinta|sabado|domingo|obrigad|ola|oi|voce|tarde|manha|noite|nao|sim|proxima|semana|as)\b/;

export function detectLanguage(text: string): Language {
  return PT_HINTS.test(strip(text)) ? 'pt' : 'en';
}

export function intentOf(text: string): Intent {
  const t = strip(text).trim();
  for (const [intent, re] of RULES) if (re.test(t)) return intent;
  return 'unknown';
}

function partOfDayOf(t: string): PartOfDay | null {
  if (/\b(manha|morning)\b/.test(t)) return 'morning';
  if (/\b(tarde|afternoon)\b/.test(t)) return 'afternoon';
  if (/\b(noite|evening|night)\b/.test(t)) return 'evening';
  return null;
}

/** "às 15h", "15h30", "15:30", "3 da tarde", "3pm", "at 10" → hour and minute. */
export function timeOf(text: string): { hour: number; minute: number } | null {
  const t = strip(text);
  const m =
    /\b(\d{1,2})\s*(?::|h)\s*(\d{2})?\s*(am|pm|da manha|da tarde|da noite)?\b/.exec(t) ??
    /\b(?:as|at|a partir das|after)\s+(\d{1,2})(?:\s*(am|pm|da manha|da tarde|da noite))?\b/.exec(t) ??
    /\b(\d{1,2})\s*(am|pm|da manha|da tarde|da noite)\b/.exec(t);
  if (!m) return null;
  const hourText = m[1]!;
  const minuteText = m.length > 3 ? m[2] : undefined;
  const suffix = m.length > 3 ? m[3] : m[2];
  let hour = Number(hourText);
  const minute = minuteText && /^\d+$/.test(minuteText) ? Number(minuteText) : 0;
  if (suffix && /pm|tarde|noite/.test(suffix) && hour < 12) hour += 12;
  if (suffix && /am|manha/.test(suffix) && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** The local calendar date the text names, read relative to `now` in the business's time zone. */
export function dateOf(text: string, now: Date, zone: string, language: Language): LocalDate | null {
  const local = DateTime.fromJSDate(now, { zone });
  // chrono reads in the process's zone: hand it the business's wall-clock time as if it were local.
  const ref = new Date(local.year, local.month - 1, local.day, local.hour, local.minute);
  const parser = language === 'pt' ? chronoPt : chrono.en;
  const results = parser.parse(text, ref, { forwardDate: true });
  for (const r of results) {
    const c = r.start;
    if (c.isCertain('day') || c.isCertain('weekday') || /amanh|hoje|tomorrow|today/i.test(r.text)) {
      const d = c.date();
      return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
    }
  }
  return null;
}

export function understand(text: string, now: Date, zone: string): Understanding {
  const language = detectLanguage(text);
  const t = strip(text);
  return {
    intent: intentOf(text),
    language,
    date: dateOf(text, now, zone, language),
    time: timeOf(text),
    partOfDay: partOfDayOf(t),
  };
}
