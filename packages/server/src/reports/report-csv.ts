// A report as CSV, one view at a time: the buckets over time, or one breakdown. Quoting is
// csv-stringify's (a label or a name may hold commas, quotes or line breaks).
import { stringify } from 'csv-stringify/sync';
import type { DurationStats, Report, ReportBreakdownRow } from './run-report.ts';

export const CSV_VIEWS = ['time', 'channel', 'agent', 'team', 'label'] as const;
export type CsvView = (typeof CSV_VIEWS)[number];

const duration = (prefix: string, s: DurationStats) => ({
  [`${prefix}_count`]: s.count,
  [`${prefix}_avg_seconds`]: s.averageSeconds === null ? '' : Math.round(s.averageSeconds),
  [`${prefix}_median_seconds`]: s.medianSeconds === null ? '' : Math.round(s.medianSeconds),
});

export function reportCsv(report: Report, view: CsvView): string {
  if (view === 'time') {
    const rows = report.buckets.map((b) => ({
      [report.interval === 'week' ? 'week_start' : 'day']: b.start,
      conversations_opened: b.conversationsOpened,
      conversations_resolved: b.conversationsResolved,
      ...duration('first_response', b.firstResponse),
      ...duration('resolution', b.resolution),
      messages_in: b.messagesIn,
      messages_out: b.messagesOut,
      bot_contained: b.botContained,
      bot_handed_off: b.botHandedOff,
      appointments_booked: b.appointmentsBooked,
      appointments_cancelled: b.appointmentsCancelled,
    }));
    return stringify(rows, { header: true });
  }
  const source: Record<Exclude<CsvView, 'time'>, ReportBreakdownRow[]> = {
    channel: report.byChannel,
    agent: report.byAgent,
    team: report.byTeam,
    label: report.byLabel,
  };
  const rows = source[view].map((r) => ({
    [view]: r.name,
    [`${view}_id`]: r.id ?? '',
    conversations_opened: r.conversationsOpened,
    conversations_resolved: r.conversationsResolved,
    ...duration('first_response', r.firstResponse),
    ...duration('resolution', r.resolution),
  }));
  // An empty breakdown still names its columns, so a spreadsheet import sees the shape.
  const columns = [view, `${view}_id`, 'conversations_opened', 'conversations_resolved'].concat(
    ['first_response', 'resolution'].flatMap((p) => [
      `${p}_count`,
      `${p}_avg_seconds`,
      `${p}_median_seconds`,
    ]),
  );
  return stringify(rows, { header: true, columns });
}
