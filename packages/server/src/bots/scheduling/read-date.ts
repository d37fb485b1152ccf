// Which day (or days) a message names, as customers write them: "amanhã", "hj", "depois de
// amanhã", "sexta", "sxta", "próxima terça", "sexta da semana que vem", "semana que vem", "dia 10",
// "12/12", "12 de dezembro", "next Friday", "the 10th", "December 12". An explicit date wins over
// a weekday ("sábado dia 12/12" is the 12th), a weekday over a week. Pure: `today` is the
// business's local date.
import { DateTime } from 'luxon';
import { blank, numberOf } from './read-text.ts';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface DateReading {
  date: LocalDate | null;
  /** The last day when the customer named a span ("semana que vem", "the weekend"). */
  dateEnd: LocalDate | null;
  /** The text with the date's words blanked, for the time reader. */
  rest: string;
}

const asDate = (d: DateTime): LocalDate => ({ year: d.year, month: d.month, day: d.day });
const dayOf = (d: LocalDate) => DateTime.fromObject(d, { zone: 'UTC' });

const MONTHS: [RegExp, number][] = [
  [/^(janeiro|jan|january)$/, 1],
  [/^(fevereiro|fev|february|feb)$/, 2],
  [/^(marco|mar|march)$/, 3],
  [/^(abril|abr|april|apr)$/, 4],
  [/^(maio|mai|may)$/, 5],
  [/^(junho|jun|june)$/, 6],
  [/^(julho|jul|july)$/, 7],
  [/^(agosto|ago|august|aug)$/, 8],
  [/^(setembro|set|september|sep|sept)$/, 9],
  [/^(outubro|out|october|oct)$/, 10],
  [/^(novembro|nov|november)$/, 11],
  [/^(dezembro|dez|december|dec)$/, 12],
];
const MONTH_WORD =
  'janeiro|jan|january|fevereiro|fev|february|feb|marco|mar|march|abril|abr|april|apr|maio|mai|may|junho|jun|june|julho|jul|july|agosto|ago|august|aug|setembro|set|september|sept|sep|outubro|out|october|oct|novembro|nov|november|dezembro|dez|december|dec';
// Before a day number only words that cannot be anything else ("may 5" is often "may I…").
const MONTH_FIRST =
  'janeiro|january|fevereiro|february|feb|marco|march|abril|april|apr|junho|june|julho|july|agosto|august|aug|setembro|september|sept|outubro|october|oct|novembro|november|nov|dezembro|december|dec|jan';
const monthOf = (w: string) => MONTHS.find(([re]) => re.test(w))?.[1] ?? null;

// ISO weekday per spelling, abbreviation and common slip ("sxta", "terca", "qua", "sab", "2a feira").
const WEEKDAYS: [string, number][] = [
  ['segunda|seg|2a|monday|mon', 1],
  ['terca|3a|tuesday|tues|tue', 2],
  ['quarta|qua|qrt|4a|wednesday|weds|wed', 3],
  ['quinta|qui|qnt|5a|thursday|thurs|thur|thu', 4],
  ['sexta|sxta|sext|sex|sx|6a|friday|fri', 5],
  ['sabado|sabad|sab|saturday|sat', 6],
  ['domingo|dom|sunday|sun', 7],
];
// "ter" (to have) and "sex" need a word before them that only a day takes.
const WEEKDAY_RE = new RegExp(
  ` (?:(proxima|proximo|prox|next|esta|essa|nesta|nessa|this|na|no|dia|de|ate|on|p|pra|para) )?(${WEEKDAYS.map(([w]) => w).join('|')}|ter)(?: feira| fe?ra?)?(?= )( (?:da |na )?(?:semana que vem|proxima semana|outra semana)| next week| que vem)?`,
);

function nextYearIfPast(today: LocalDate, month: number, day: number, year?: number): LocalDate | null {
  const y = year ?? today.year;
  const d = DateTime.fromObject({ year: y, month, day }, { zone: 'UTC' });
  if (!d.isValid) return null;
  if (year === undefined && d < dayOf(today)) {
    const next = d.plus({ years: 1 });
    return next.isValid ? asDate(next) : null;
  }
  return asDate(d);
}

/** "dia 10": this month's 10th, or next month's when it has passed (or this month has none). */
function dayOfMonth(today: LocalDate, day: number): LocalDate | null {
  if (day < 1 || day > 31) return null;
  let month = dayOf(today).startOf('month');
  if (day < today.day) month = month.plus({ months: 1 });
  for (let i = 0; i < 3; i++, month = month.plus({ months: 1 })) {
    const d = month.set({ day });
    if (d.isValid && d.month === month.month) return asDate(d);
  }
  return null;
}

const fullYear = (y: string | undefined) =>
  y === undefined ? undefined : y.length === 2 ? 2000 + Number(y) : Number(y);

export function readDate(text: string, today: LocalDate, language: 'pt' | 'en' | null): DateReading {
  let rest = text;
  const take = (m: RegExpExecArray) => {
    rest = blank(rest, m.index, m[0].length);
  };
  const base = dayOf(today);
  let explicit: LocalDate | null = null;

  // 1. Numbers with a slash: day/month in Portuguese, month/day in English (unless it cannot be).
  const slash = / (\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?= )/.exec(rest);
  if (slash) {
    const a = Number(slash[1]);
    const b = Number(slash[2]);
    const monthFirst = language === 'en' && a <= 12 && b > 12 ? true : language === 'en' && b <= 12;
    const [month, day] = monthFirst && a <= 12 ? [a, b] : [b, a];
    explicit = nextYearIfPast(today, month, day, fullYear(slash[3]));
    take(slash);
  }
  // 2. A month by name with its day: "12 de dezembro", "12 dez", "December 12th", "12th of May".
  if (!explicit) {
    const dm = new RegExp(
      ` (\\d{1,2})(?:st|nd|rd|th|o)?(?: of| de)? (${MONTH_WORD})(?: de (\\d{4}))?(?= )`,
    ).exec(rest);
    const md = new RegExp(` (${MONTH_FIRST}) (\\d{1,2})(?:st|nd|rd|th)?(?: (\\d{4}))?(?= )`).exec(rest);
    const m = dm ?? md;
    if (m) {
      const [day, month] = dm ? [Number(m[1]), monthOf(m[2]!)] : [Number(m[2]), monthOf(m[1]!)];
      if (month) explicit = nextYearIfPast(today, month, day, m[3] ? Number(m[3]) : undefined);
      take(m);
    }
  }
  // 3. A day of the month alone: "dia 10", "no dia 5", "the 10th", "on the 3rd".
  if (!explicit) {
    const m =
      / (?:no )?dia (\d{1,2})(?= )/.exec(rest) ??
      / (?:on )?(?:the )?(\d{1,2})(?:st|nd|rd|th)(?= )/.exec(rest);
    if (m) {
      explicit = dayOfMonth(today, Number(m[1]));
      take(m);
    }
  }

  // Relative words and weekdays are read (and blanked) even when an explicit date wins.
  let relative: LocalDate | null = null;
  const rel: [RegExp, (m: RegExpExecArray) => LocalDate | null][] = [
    [
      / (?:depois de|dps de|depois d) (?:amanha|amanhan|amnh|amn)(?= )| (?:the )?day after (?:tomorrow|tmrw|tomorow)(?= )/,
      () => asDate(base.plus({ days: 2 })),
    ],
    [
      / (?:amanha|amanhan|amanh|amnh|amn|tomorrow|tomorow|tmrw|tmr|2morrow|2moro)(?= )/,
      () => asDate(base.plus({ days: 1 })),
    ],
    [/ (?:hoje|hj|hje|today|tonight|2day|2nite|agora a noite|ainda hoje)(?= )/, () => today],
    [
      / (?:daqui a|daqui|em|in) (\d{1,2}|uma|um|duas|dois|tres|quatro|cinco|seis|sete|two|three|four|five|six|seven) (?:dias|dia|days|day)(?= )/,
      (m) => {
        const n = numberOf(m[1]!);
        return n === null ? null : asDate(base.plus({ days: n }));
      },
    ],
  ];
  for (const [re, read] of rel) {
    const m = re.exec(rest);
    if (m) {
      relative = read(m);
      take(m);
      break;
    }
  }

  let weekday: LocalDate | null = null;
  const w = WEEKDAY_RE.exec(rest);
  const wordBefore = w?.[1];
  if (w && (w[2] !== 'ter' || wordBefore !== undefined)) {
    const iso = w[2] === 'ter' ? 2 : WEEKDAYS.find(([alts]) => alts.split('|').includes(w[2]!))![1];
    const nextWeek = w[3] !== undefined && w[3].trim() !== 'que vem';
    const strictlyAfter =
      /^(proxima|proximo|prox|next)$/.test(wordBefore ?? '') || w[3]?.trim() === 'que vem';
    let d: DateTime;
    if (nextWeek) d = base.startOf('week').plus({ weeks: 1, days: iso - 1 });
    else {
      const ahead = (iso - base.weekday + 7) % 7;
      d = base.plus({ days: ahead === 0 && strictlyAfter ? 7 : ahead });
    }
    weekday = asDate(d);
    take(w);
  }

  let span: [LocalDate, LocalDate] | null = null;
  const week = / (?:(?:a|na) )?(?:semana que vem|proxima semana|next week|outra semana)(?= )/.exec(rest);
  const weekend =
    / (?:(?:no|neste|nesse|este|esse|this) )?(?:fim de semana|final de semana|fds|weekend)(?= )/.exec(rest);
  const thisWeek = / (?:(?:nesta|nessa|esta|essa|this) )(?:semana|week)(?= )/.exec(rest);
  if (week) {
    const monday = base.startOf('week').plus({ weeks: 1 });
    span = [asDate(monday), asDate(monday.plus({ days: 6 }))];
    take(week);
  } else if (weekend) {
    const saturday = base.weekday === 7 ? base.minus({ days: 1 }) : base.plus({ days: 6 - base.weekday });
    span = [base.weekday >= 6 ? today : asDate(saturday), asDate(saturday.plus({ days: 1 }))];
    take(weekend);
  } else if (thisWeek) {
    span = [today, asDate(base.endOf('week'))];
    take(thisWeek);
  }

  // The customer's own "amanhã" beats a weekday they may have slipped on; a span only stands alone.
  const date = explicit ?? relative ?? weekday ?? span?.[0] ?? null;
  const dateEnd = !explicit && !weekday && !relative && span ? span[1] : null;
  return { date, dateEnd, rest };
}
