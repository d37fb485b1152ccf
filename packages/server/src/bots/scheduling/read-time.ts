// What time (and part of the day) a message names: "às 15h", "15hrs", "9h", "15h30", "15:30",
// "meio dia", "meio-dia e meia", "3 da tarde", "às duas da tarde", "às 4 e meia", "de manhã",
// "3pm", "at 10", "noon", "in the afternoon". A bare small hour ("às 3") is the afternoon: shops
// are not open at 3 in the morning. Greetings ("boa tarde") and "mais tarde" name no part of day.
import { blank, NUMBER_WORDS, numberOf } from './read-text.ts';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export interface TimeReading {
  time: { hour: number; minute: number } | null;
  partOfDay: PartOfDay | null;
}

const NUM = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const HALF = '(?: e (meia|quinze|15|30|45|meia hora))?';
const minutesOf = (w: string | undefined) =>
  w === undefined ? 0 : w.startsWith('meia') ? 30 : w === 'quinze' ? 15 : Number(w);

const NOT_A_PART =
  / (?:boa tarde|boa noite|bom dia|boa madrugada|good morning|good afternoon|good evening|good night|mais tarde|tarde demais|later)(?= )/g;

const PARTS: [PartOfDay, RegExp][] = [
  ['morning', / (?:manha|morning|cedo|cedinho|early)(?= )/],
  ['afternoon', / (?:tarde|tardinha|afternoon)(?= )/],
  ['evening', / (?:noite|noitinha|evening|night|tonight|2nite)(?= )/],
];

type Suffix = 'am' | 'pm' | PartOfDay | null;

interface Rule {
  re: RegExp;
  read: (m: RegExpExecArray) => { hour: number | null; minute: number; suffix: Suffix; bare: boolean };
}

const suffixOf = (w: string | undefined): Suffix => {
  if (!w) return null;
  if (/^(pm|p m)$/.test(w)) return 'pm';
  if (/^(am|a m)$/.test(w)) return 'am';
  if (w === 'manha') return 'morning';
  if (w === 'tarde') return 'afternoon';
  if (w === 'noite') return 'evening';
  return null;
};

const RULES: Rule[] = [
  {
    re: / (?:meio dia|meiodia|meio di|noon|midday)(?: e (meia|quinze))?(?= )/,
    read: (m) => ({ hour: 12, minute: minutesOf(m[1]), suffix: null, bare: false }),
  },
  {
    re: / (?:meia noite|meianoite|midnight)(?= )/,
    read: () => ({ hour: 0, minute: 0, suffix: null, bare: false }),
  },
  {
    re: / (\d{1,2}):(\d{2})(?: ?(am|pm|a m|p m|h|hs|hrs))?(?= )/,
    read: (m) => ({ hour: Number(m[1]), minute: Number(m[2]), suffix: suffixOf(m[3]), bare: false }),
  },
  {
    re: new RegExp(
      ` ${NUM} ?(?:h|hs|hr|hrs|hora|horas)(?: ?(\\d{2})(?: ?min)?)?${HALF}(?: (?:da|de|a|pela) (manha|tarde|noite)| ?(am|pm))?(?= )`,
    ),
    read: (m) => ({
      hour: numberOf(m[1]!),
      minute: m[2] ? Number(m[2]) : minutesOf(m[3]),
      suffix: suffixOf(m[4] ?? m[5]),
      bare: false,
    }),
  },
  {
    re: new RegExp(` ${NUM}${HALF} ?(am|pm|a m|p m)(?= )`),
    read: (m) => ({ hour: numberOf(m[1]!), minute: minutesOf(m[2]), suffix: suffixOf(m[3]), bare: false }),
  },
  {
    re: new RegExp(
      ` ${NUM}${HALF} (?:da|de|a|pela|in the|at) (manha|tarde|noite|morning|afternoon|evening|night)(?= )`,
    ),
    read: (m) => ({
      hour: numberOf(m[1]!),
      minute: minutesOf(m[2]),
      suffix: suffixOf(
        { morning: 'manha', afternoon: 'tarde', evening: 'noite', night: 'noite' }[m[3]!] ?? m[3],
      ),
      bare: false,
    }),
  },
  {
    re: new RegExp(` ${NUM} ?o ?clock(?= )`),
    read: (m) => ({ hour: numberOf(m[1]!), minute: 0, suffix: null, bare: true }),
  },
  {
    re: new RegExp(
      ` (?:as|at|pelas|umas|por volta das|depois das|antes das|ate as|a partir das|das|around|about|after|before|by|from) ${NUM}${HALF}(?= )(?! (?:dias|dia|days|day|semanas|weeks|meses|months|pessoas|people|min|minutos|minutes))`,
    ),
    read: (m) => ({ hour: numberOf(m[1]!), minute: minutesOf(m[2]), suffix: null, bare: true }),
  },
];

export function readTime(text: string): TimeReading & { rest: string } {
  let rest = text.replace(NOT_A_PART, (s) => ' '.repeat(s.length));
  let time: TimeReading['time'] = null;
  let named: Suffix = null;
  let bare = false;
  for (const rule of RULES) {
    const m = rule.re.exec(rest);
    if (!m) continue;
    const r = rule.read(m);
    rest = blank(rest, m.index, m[0].length);
    if (r.hour === null || r.hour > 23 || r.minute > 59) break;
    time = { hour: r.hour, minute: r.minute };
    named = r.suffix;
    bare = r.bare;
    break;
  }
  let partOfDay: PartOfDay | null =
    named === 'morning' || named === 'afternoon' || named === 'evening' ? named : null;
  partOfDay ??= PARTS.find(([, re]) => re.test(rest))?.[0] ?? null;
  if (time) {
    const pm = named === 'pm' || partOfDay === 'afternoon' || partOfDay === 'evening';
    const am = named === 'am' || named === 'morning';
    if (pm && time.hour < 12) time = { ...time, hour: time.hour + 12 };
    else if (am && time.hour === 12) time = { ...time, hour: 0 };
    else if (!am && partOfDay === null && bare && time.hour >= 1 && time.hour <= 7)
      time = { ...time, hour: time.hour + 12 };
  }
  return { time, partOfDay, rest };
}
