// Free appointment slots from working hours, breaks, holidays and existing bookings, in the
// business's time zone. Pure: the calendar's I/O hands it the busy intervals.
import { DateTime } from 'luxon';
import type { LocalDate, PartOfDay } from './understand.ts';

/** "HH:MM" ranges per ISO weekday (1 = Monday … 7 = Sunday). */
export type WeeklyHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, { start: string; end: string }[]>>;

export interface Availability {
  zone: string;
  hours: WeeklyHours;
  breaks: WeeklyHours;
  /** Local dates (YYYY-MM-DD) with no appointments. */
  holidays: string[];
}

export interface Interval {
  start: Date;
  end: Date;
}

export interface SlotQuery {
  availability: Availability;
  durationMin: number;
  stepMin?: number;
  from: Date;
  to: Date;
  busy: Interval[];
  now: Date;
  minNoticeMin?: number;
  /** Stop after this many slots (the earliest ones). */
  limit?: number;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function freeSlots(q: SlotQuery): Date[] {
  const { zone, hours, breaks, holidays } = q.availability;
  const step = q.stepMin ?? q.durationMin;
  const earliest = q.now.getTime() + (q.minNoticeMin ?? 60) * 60_000;
  const from = q.from.getTime();
  const to = q.to.getTime();
  const duration = q.durationMin * 60_000;
  const busy = q.busy.map((b) => [b.start.getTime(), b.end.getTime()] as const);
  const out: Date[] = [];
  let day = DateTime.fromJSDate(q.from, { zone }).startOf('day');
  const last = DateTime.fromJSDate(q.to, { zone });
  while (day <= last) {
    if (!holidays.includes(day.toISODate() ?? '')) {
      const wd = day.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7;
      // Wall-clock times go through the zone once per range; slots inside a range are plain
      // arithmetic (a daylight-saving jump inside opening hours is the one case this simplifies).
      const at = (hhmm: string) => day.plus({ minutes: minutesOf(hhmm) }).toMillis();
      const blocked = [...(breaks[wd] ?? []).map((b) => [at(b.start), at(b.end)] as const), ...busy];
      for (const range of hours[wd] ?? []) {
        const end = at(range.end);
        for (let start = at(range.start); start + duration <= end; start += step * 60_000) {
          if (start < earliest || start < from || start > to) continue;
          if (blocked.some(([bs, be]) => start < be && bs < start + duration)) continue;
          out.push(new Date(start));
          if (q.limit && out.length >= q.limit) return out;
        }
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

const PART_RANGES: Record<PartOfDay, [number, number]> = {
  morning: [0, 12],
  afternoon: [12, 18],
  evening: [18, 24],
};

/** The slots that fit what the customer asked for, closest to the asked time first. */
export function pickSlots(
  slots: Date[],
  wish: {
    date: LocalDate | null;
    dateEnd?: LocalDate | null;
    time: { hour: number; minute: number } | null;
    partOfDay: PartOfDay | null;
  },
  zone: string,
  max: number,
): Date[] {
  const local = (d: Date) => DateTime.fromJSDate(d, { zone });
  let fit = slots.filter((s) => {
    const l = local(s);
    const day = l.year * 10_000 + l.month * 100 + l.day;
    const key = (d: LocalDate) => d.year * 10_000 + d.month * 100 + d.day;
    if (wish.date && (day < key(wish.date) || day > key(wish.dateEnd ?? wish.date))) return false;
    if (wish.partOfDay) {
      const [from, to] = PART_RANGES[wish.partOfDay];
      if (l.hour < from || l.hour >= to) return false;
    }
    return true;
  });
  if (wish.time) {
    const target = wish.time.hour * 60 + wish.time.minute;
    const distance = (d: Date) => Math.abs(local(d).hour * 60 + local(d).minute - target);
    fit = [...fit].sort((a, b) => distance(a) - distance(b) || a.getTime() - b.getTime());
  }
  return fit.slice(0, max);
}

/** "sexta-feira, 27/11 às 15:00" / "Friday 27 Nov at 3:00 PM" in the business's zone. */
export function formatSlot(d: Date, zone: string, language: 'pt' | 'en'): string {
  const l = DateTime.fromJSDate(d, { zone }).setLocale(language === 'pt' ? 'pt-BR' : 'en-US');
  return language === 'pt'
    ? `${l.toFormat('cccc, dd/LL')} às ${l.toFormat('HH:mm')}`
    : `${l.toFormat('cccc d LLL')} at ${l.toFormat('h:mm a')}`;
}

/** A list row title (WhatsApp allows 24 characters): "sex 27/11 15:00" / "Fri 27 Nov 3:00 PM". */
export function formatSlotShort(d: Date, zone: string, language: 'pt' | 'en'): string {
  const l = DateTime.fromJSDate(d, { zone }).setLocale(language === 'pt' ? 'pt-BR' : 'en-US');
  return language === 'pt' ? l.toFormat('ccc dd/LL HH:mm') : l.toFormat('ccc d LLL h:mm a');
}
