// One report: conversations, first response and resolution times, messages, bot containment and
// appointments, in day or week buckets of the tenant's wall clock, with totals and breakdowns by
// channel, agent, team and label. Durations come from report_events (written by triggers, see
// 100_reports.sql); counts of messages and appointments from their own tables.
import type { Queryable } from '../store/db.ts';
import { bucketStarts, type ReportQuery } from './report-range.ts';

export interface DurationStats {
  count: number;
  averageSeconds: number | null;
  medianSeconds: number | null;
}

export interface ReportFigures {
  conversationsOpened: number;
  conversationsResolved: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
  messagesIn: number;
  messagesOut: number;
  botContained: number;
  botHandedOff: number;
  appointmentsBooked: number;
  appointmentsCancelled: number;
}

export interface ReportBucket extends ReportFigures {
  /** First day of the bucket (YYYY-MM-DD) in the report's time zone. */
  start: string;
}

export interface ReportBreakdownRow {
  /** null: no agent (or team) held the conversation. For labels, the label itself. */
  id: string | null;
  name: string;
  conversationsOpened: number;
  conversationsResolved: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
}

export interface Report {
  from: string;
  to: string;
  interval: 'day' | 'week';
  timeZone: string;
  buckets: ReportBucket[];
  totals: ReportFigures;
  byChannel: ReportBreakdownRow[];
  byAgent: ReportBreakdownRow[];
  byTeam: ReportBreakdownRow[];
  byLabel: ReportBreakdownRow[];
}

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const opt = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const stats = (r: Row, p: string): DurationStats => ({
  count: num(r[`${p}_count`]),
  averageSeconds: opt(r[`${p}_avg`]),
  medianSeconds: opt(r[`${p}_median`]),
});

// $1 tenant, $2 from, $3 to, $4 zone, $5 channel, $6 team, $7 agent, $8 interval (buckets only). The range is
// whole local days: from's midnight to the midnight after `to`, each in the report's zone.
const RANGE = `(($2::date)::timestamp AT TIME ZONE $4::text)`;
const RANGE_END = `(($3::date + 1)::timestamp AT TIME ZONE $4::text)`;
const bucketOf = (col: string) => `to_char(date_trunc($8::text, ${col} AT TIME ZONE $4::text), 'YYYY-MM-DD')`;

const DURATIONS = `
  count(*) FILTER (WHERE e.kind = 'opened') AS opened,
  count(*) FILTER (WHERE e.kind = 'resolved') AS resolved,
  count(*) FILTER (WHERE e.kind = 'first_response') AS fr_count,
  avg(e.seconds) FILTER (WHERE e.kind = 'first_response') AS fr_avg,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY e.seconds) FILTER (WHERE e.kind = 'first_response') AS fr_median,
  count(*) FILTER (WHERE e.kind = 'resolved') AS rs_count,
  avg(e.seconds) FILTER (WHERE e.kind = 'resolved') AS rs_avg,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY e.seconds) FILTER (WHERE e.kind = 'resolved') AS rs_median`;

const EVENTS_WHERE = `e.tenant_id = $1 AND e.at >= ${RANGE} AND e.at < ${RANGE_END}
  AND ($5::uuid IS NULL OR e.channel_id = $5::uuid) AND ($6::uuid IS NULL OR e.team_id = $6::uuid)
  AND ($7::uuid IS NULL OR e.agent_id = $7::uuid)`;

// Messages and appointments have no agent or team of their own: they count under the
// conversation's current channel, team and assignee (and an agent's own replies).
const CONVERSATION_FILTER = `($5::uuid IS NULL OR c.channel_id = $5::uuid) AND ($6::uuid IS NULL OR c.team_id = $6::uuid)`;

export async function runReport(
  q: Queryable,
  tenantId: string,
  query: ReportQuery & { timeZone: string },
): Promise<Report> {
  const params = [
    tenantId,
    query.from,
    query.to,
    query.timeZone,
    query.channelId ?? null,
    query.teamId ?? null,
    query.agentId ?? null,
    query.interval,
  ];
  const noBuckets = params.slice(0, 7);
  const filtered = Boolean(query.channelId || query.teamId || query.agentId);

  const events = await q.query<Row>(
    `SELECT CASE WHEN GROUPING(${bucketOf('e.at')}) = 1 THEN NULL ELSE ${bucketOf('e.at')} END AS bucket,
       ${DURATIONS},
       count(*) FILTER (WHERE e.kind = 'resolved' AND b.status = 'active') AS contained
     FROM report_events e LEFT JOIN bot_sessions b ON b.conversation_id = e.conversation_id
     WHERE ${EVENTS_WHERE}
     GROUP BY GROUPING SETS ((${bucketOf('e.at')}), ())`,
    params,
  );

  // Without filters the count reads the messages index alone; with them it joins each message's
  // conversation.
  const messages = await q.query<Row>(
    `SELECT CASE WHEN GROUPING(${bucketOf('m.created_at')}) = 1 THEN NULL ELSE ${bucketOf('m.created_at')} END AS bucket,
       count(*) FILTER (WHERE m.direction = 'in') AS msg_in,
       count(*) FILTER (WHERE m.direction = 'out') AS msg_out
     FROM messages m ${filtered ? 'JOIN conversations c ON c.id = m.conversation_id' : ''}
     WHERE m.tenant_id = $1 AND m.created_at >= ${RANGE} AND m.created_at < ${RANGE_END}
       ${
         filtered
           ? `AND ${CONVERSATION_FILTER} AND ($7::uuid IS NULL OR (m.direction = 'out' AND m.author_id = $7::uuid)
              OR (m.direction = 'in' AND c.assignee_id = $7::uuid))`
           : 'AND $5::uuid IS NULL AND $6::uuid IS NULL AND $7::uuid IS NULL'
       }
     GROUP BY GROUPING SETS ((${bucketOf('m.created_at')}), ())`,
    params,
  );

  const handoffs = await q.query<Row>(
    `SELECT CASE WHEN GROUPING(${bucketOf('b.updated_at')}) = 1 THEN NULL ELSE ${bucketOf('b.updated_at')} END AS bucket,
       count(*) AS handed_off
     FROM bot_sessions b JOIN conversations c ON c.id = b.conversation_id
     WHERE b.tenant_id = $1 AND b.status = 'handed_off' AND b.updated_at >= ${RANGE} AND b.updated_at < ${RANGE_END}
       AND ${CONVERSATION_FILTER} AND ($7::uuid IS NULL OR c.assignee_id = $7::uuid)
     GROUP BY GROUPING SETS ((${bucketOf('b.updated_at')}), ())`,
    params,
  );

  const appointments = await q.query<Row>(
    `SELECT CASE WHEN GROUPING(${bucketOf('a.created_at')}) = 1 THEN NULL ELSE ${bucketOf('a.created_at')} END AS bucket,
       count(*) AS booked, count(*) FILTER (WHERE a.status = 'cancelled') AS cancelled
     FROM appointments a LEFT JOIN conversations c ON c.id = a.conversation_id
     WHERE a.tenant_id = $1 AND a.created_at >= ${RANGE} AND a.created_at < ${RANGE_END}
       AND (($5::uuid IS NULL AND $6::uuid IS NULL) OR ${CONVERSATION_FILTER})
       AND ($7::uuid IS NULL OR c.assignee_id = $7::uuid)
     GROUP BY GROUPING SETS ((${bucketOf('a.created_at')}), ())`,
    params,
  );

  const byKey = (rows: Row[]) => new Map(rows.map((r) => [(r.bucket as string | null) ?? '', r]));
  const ev = byKey(events.rows);
  const ms = byKey(messages.rows);
  const ho = byKey(handoffs.rows);
  const ap = byKey(appointments.rows);
  const figures = (key: string): ReportFigures => {
    const e = ev.get(key) ?? {};
    const m = ms.get(key) ?? {};
    const a = ap.get(key) ?? {};
    return {
      conversationsOpened: num(e.opened),
      conversationsResolved: num(e.resolved),
      firstResponse: stats(e, 'fr'),
      resolution: stats(e, 'rs'),
      messagesIn: num(m.msg_in),
      messagesOut: num(m.msg_out),
      botContained: num(e.contained),
      botHandedOff: num(ho.get(key)?.handed_off),
      appointmentsBooked: num(a.booked),
      appointmentsCancelled: num(a.cancelled),
    };
  };

  return {
    from: query.from,
    to: query.to,
    interval: query.interval,
    timeZone: query.timeZone,
    buckets: bucketStarts(query.from, query.to, query.interval).map((start) => ({
      start,
      ...figures(start),
    })),
    totals: figures(''),
    byChannel: await breakdown(q, noBuckets, 'e.channel_id', 'channels'),
    byAgent: await breakdown(q, noBuckets, 'e.agent_id', 'agents'),
    byTeam: await breakdown(q, noBuckets, 'e.team_id', 'teams'),
    byLabel: await labelBreakdown(q, noBuckets),
  };
}

async function breakdown(
  q: Queryable,
  params: unknown[],
  column: 'e.channel_id' | 'e.agent_id' | 'e.team_id',
  table: 'channels' | 'agents' | 'teams',
): Promise<ReportBreakdownRow[]> {
  const { rows } = await q.query<Row>(
    `SELECT ${column} AS id, min(n.name) AS name, ${DURATIONS}
     FROM report_events e LEFT JOIN ${table} n ON n.id = ${column} AND n.tenant_id = e.tenant_id
     WHERE ${EVENTS_WHERE}
     GROUP BY ${column} ORDER BY count(*) DESC, min(n.name), ${column}`,
    params,
  );
  return rows.map(toBreakdown);
}

/** A conversation counts under each label it carries now. */
async function labelBreakdown(q: Queryable, params: unknown[]): Promise<ReportBreakdownRow[]> {
  const { rows } = await q.query<Row>(
    `SELECT l.label AS id, l.label AS name, ${DURATIONS}
     FROM report_events e JOIN conversations c ON c.id = e.conversation_id
     CROSS JOIN LATERAL unnest(c.labels) AS l(label)
     WHERE ${EVENTS_WHERE}
     GROUP BY l.label ORDER BY count(*) DESC, l.label`,
    params,
  );
  return rows.map(toBreakdown);
}

const toBreakdown = (r: Row): ReportBreakdownRow => ({
  id: (r.id as string | null) ?? null,
  name: (r.name as string | null) ?? (r.id === null ? 'Nobody' : 'Deleted'),
  conversationsOpened: num(r.opened),
  conversationsResolved: num(r.resolved),
  firstResponse: stats(r, 'fr'),
  resolution: stats(r, 'rs'),
});
