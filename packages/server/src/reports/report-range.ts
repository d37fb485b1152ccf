// What a report asks for, checked at the edge: a range of whole days in a time zone, a bucket size,
// and optional filters. Pure, so the calendar arithmetic is tested without a database.
import { z } from 'zod';
import { isTimeZone } from '../assignment/business-hours.ts';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a day as YYYY-MM-DD' })
  .refine(
    (s) => {
      const t = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
    },
    { message: 'expected a real calendar day' },
  );

/** The longest range one report covers: two years of days keeps a day-by-day answer small. */
export const MAX_REPORT_DAYS = 731;

export const reportQuerySchema = z
  .object({
    from: day.describe('First day of the report, in its time zone'),
    to: day.describe('Last day of the report (included), in its time zone'),
    interval: z.enum(['day', 'week']).default('day').describe('Bucket size; weeks start on Monday'),
    timeZone: z
      .string()
      .refine(isTimeZone, { message: 'expected an IANA time zone such as America/Sao_Paulo' })
      .optional()
      .describe("Defaults to the tenant's time zone (GET /api/v1/tenant)"),
    channelId: z.uuid({ message: 'expected a channel id (UUID)' }).optional(),
    teamId: z.uuid({ message: 'expected a team id (UUID)' }).optional(),
    agentId: z.uuid({ message: 'expected an agent id (UUID)' }).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => daysBetween(q.from, q.to) < MAX_REPORT_DAYS, {
    message: `a report covers at most ${MAX_REPORT_DAYS} days; ask for a shorter range`,
    path: ['to'],
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The day after `d` (YYYY-MM-DD), by the calendar, not by 24 hours. */
export function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The Monday on or before `d`. */
export function weekStart(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7));
  return t.toISOString().slice(0, 10);
}

/** Every bucket's first day from `from` to `to`, so days with nothing in them still show as zero. */
export function bucketStarts(from: string, to: string, interval: 'day' | 'week'): string[] {
  const out: string[] = [];
  let d = interval === 'week' ? weekStart(from) : from;
  while (d <= to) {
    out.push(d);
    for (let i = 0; i < (interval === 'week' ? 7 : 1); i++) d = nextDay(d);
  }
  return out;
}
