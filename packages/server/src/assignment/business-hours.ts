// Business hours of a channel: a weekly schedule in the channel's IANA time zone, and holidays.
// Pure, on the runtime's Intl data (no time-zone library): the wall clock in the zone decides,
// so a daylight-saving change moves the hours with the clock, as people expect.
import { z } from 'zod';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time as HH:MM (00:00 to 24:00)');

export const IntervalSchema = z
  .object({ from: clock, to: clock })
  .refine((i) => i.from < i.to, { message: 'an interval must end after it starts (use 24:00 for midnight)' });

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const BusinessHoursSchema = z.object({
  timeZone: z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as Europe/Berlin' }),
  weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(IntervalSchema).max(8)),
  holidays: z.array(z.iso.date()).max(366).default([]),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

interface LocalTime {
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekdayOf = (date: string): Weekday => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
const dayBefore = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, weekday: weekdayOf(date), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const intervalsOn = (h: BusinessHours, date: string) =>
  h.holidays.includes(date) ? [] : (h.weekly[weekdayOf(date)] ?? []);

export function isWithinHours(h: BusinessHours, at: Date): boolean {
  const now = localTime(at, h.timeZone);
  return intervalsOn(h, now.date).some(
    (i) => toMinutes(i.from) <= now.minutes && now.minutes < toMinutes(i.to),
  );
}

/**
 * Names the out-of-hours period `at` falls in by the local time it began (the last closing time),
 * e.g. "2026-11-25T17:00", so an auto-reply goes once per conversation per period. Looks back five
 * weeks; a channel closed longer than that has one long period.
 */
export function closedPeriodKey(h: BusinessHours, at: Date): string {
  const now = localTime(at, h.timeZone);
  let date = now.date;
  for (let day = 0; day < 35; day++) {
    const ends = intervalsOn(h, date)
      .map((i) => i.to)
      .filter((to) => day > 0 || toMinutes(to) <= now.minutes)
      .sort();
    const last = ends.at(-1);
    if (last) return `${date}T${last}`;
    date = dayBefore(date);
  }
  return 'closed';
}
