// Reports for owners and admins (docs/reports.md): JSON for the dashboard's charts, CSV for a
// spreadsheet. The tenant's time zone, which days and weeks are cut by, is a tenant setting here.
import { z } from 'zod';
import { isTimeZone } from '../../assignment/business-hours.ts';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import { CSV_VIEWS, reportCsv } from '../../reports/report-csv.ts';
import { type ReportQuery, reportQuerySchema } from '../../reports/report-range.ts';
import { runReport } from '../../reports/run-report.ts';
import type { Queryable } from '../../store/db.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

const durationSchema = z.object({
  count: z.number().int(),
  averageSeconds: z.number().nullable(),
  medianSeconds: z.number().nullable(),
});
const figuresSchema = z.object({
  conversationsOpened: z.number().int(),
  conversationsResolved: z.number().int(),
  firstResponse: durationSchema,
  resolution: durationSchema,
  messagesIn: z.number().int(),
  messagesOut: z.number().int(),
  botContained: z.number().int(),
  botHandedOff: z.number().int(),
  appointmentsBooked: z.number().int(),
  appointmentsCancelled: z.number().int(),
});
const breakdownSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  conversationsOpened: z.number().int(),
  conversationsResolved: z.number().int(),
  firstResponse: durationSchema,
  resolution: durationSchema,
});
const reportSchema = z.object({
  from: z.string(),
  to: z.string(),
  interval: z.enum(['day', 'week']),
  timeZone: z.string(),
  buckets: z.array(figuresSchema.extend({ start: z.string() })),
  totals: figuresSchema,
  byChannel: z.array(breakdownSchema),
  byAgent: z.array(breakdownSchema),
  byTeam: z.array(breakdownSchema),
  byLabel: z.array(breakdownSchema),
});
const tenantSchema = z.object({ id: z.string(), name: z.string(), timeZone: z.string() });

async function tenantZone(q: Queryable, tenantId: string): Promise<string> {
  const { rows } = await q.query<{ time_zone: string }>('SELECT time_zone FROM tenants WHERE id = $1', [
    tenantId,
  ]);
  return rows[0]?.time_zone ?? 'UTC';
}

export const reportsRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const admin = [requireAuth(db), requireAdmin];

  /** The filters checked against the tenant, the zone defaulted to the tenant's, the report run. */
  const reportFor = async (tenantId: string, query: ReportQuery) => {
    await assertTenantIds(db, tenantId, [
      { field: 'channelId', kind: 'channel', ids: query.channelId },
      { field: 'teamId', kind: 'team', ids: query.teamId },
      { field: 'agentId', kind: 'agent', ids: query.agentId },
    ]);
    return runReport(db, tenantId, {
      ...query,
      timeZone: query.timeZone ?? (await tenantZone(db, tenantId)),
    });
  };

  app.get(
    '/api/v1/tenant',
    {
      preHandler: requireAuth(db),
      schema: {
        tags: ['tenant'],
        summary: "Your tenant's name and time zone",
        response: { ...errorResponses, 200: tenantSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      const { rows } = await db.query<{ id: string; name: string; time_zone: string }>(
        'SELECT id, name, time_zone FROM tenants WHERE id = $1',
        [p.tenantId],
      );
      const t = rows[0]!;
      return { id: t.id, name: t.name, timeZone: t.time_zone };
    },
  );

  app.patch(
    '/api/v1/tenant',
    {
      preHandler: admin,
      schema: {
        tags: ['tenant'],
        summary: 'Rename your tenant or set its time zone (reports cut days and weeks by it)',
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          timeZone: z
            .string()
            .refine(isTimeZone, { message: 'expected an IANA time zone such as America/Sao_Paulo' })
            .optional(),
        }),
        response: { ...errorResponses, 200: tenantSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      const { name, timeZone } = req.body;
      const row = await db.tx(async (q) => {
        const { rows } = await q.query<{ id: string; name: string; time_zone: string }>(
          `UPDATE tenants SET name = COALESCE($2, name), time_zone = COALESCE($3, time_zone) WHERE id = $1
           RETURNING id, name, time_zone`,
          [p.tenantId, name ?? null, timeZone ?? null],
        );
        await recordAudit(q, p, {
          action: 'tenant.update',
          target: `tenant:${p.tenantId}`,
          details: req.body,
        });
        return rows[0]!;
      });
      return { id: row.id, name: row.name, timeZone: row.time_zone };
    },
  );

  app.get(
    '/api/v1/reports',
    {
      preHandler: admin,
      schema: {
        tags: ['reports'],
        summary:
          'Conversations, response and resolution times, messages, bots and appointments over days or weeks',
        description:
          'Days and weeks (Monday first) are cut in timeZone, by default the tenant’s. Durations are in seconds: ' +
          'first response is from the conversation opening (or reopening) to the first reply by a person, resolution ' +
          'from opening to resolve. Filters apply to the agent and team that held the conversation when it happened.',
        querystring: reportQuerySchema,
        response: { ...errorResponses, 200: reportSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      return reportFor(p.tenantId, req.query);
    },
  );

  app.get(
    '/api/v1/reports/export',
    {
      preHandler: admin,
      schema: {
        tags: ['reports'],
        summary: 'The same report as CSV: over time, or by channel, agent, team or label',
        querystring: reportQuerySchema.and(z.object({ view: z.enum(CSV_VIEWS).default('time') })),
        response: { ...errorResponses, 200: z.string().describe('text/csv') },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const report = await reportFor(p.tenantId, req.query);
      const file = `parley-report-${req.query.view}-${report.from}-${report.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(reportCsv(report, req.query.view));
    },
  );
};
