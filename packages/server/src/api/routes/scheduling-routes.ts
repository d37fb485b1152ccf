// The scheduling bot's settings for admins: working hours, breaks, holidays, services, staff; the
// appointments; and the tenant's .ics feed (a secret URL, since calendar apps send no headers).
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { loadVisibility, visibleConversationsSql } from '../../auth/visibility.ts';
import { loadSchedulingSettings } from '../../bots/scheduling/calendar-store.ts';
import { GoogleCredentials } from '../../bots/scheduling/google-calendar.ts';
import { icsFeed } from '../../bots/scheduling/ics-feed.ts';
import { timeZoneSchema } from '../../bots/scheduling/time-zone.ts';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour), such as 09:00');
const ranges = z
  .array(
    z.object({ start: hhmm, end: hhmm }).refine((r) => r.start < r.end, {
      error: (issue) => {
        const r = issue.input as { start: string; end: string };
        return `a range must end after it starts (${r.start}–${r.end})`;
      },
    }),
  )
  .max(6, 'at most six ranges a day');
const weekly = z
  .object({ 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges, 7: ranges })
  .partial()
  .strict();
const isDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
};

const SettingsInput = z.object({
  zone: timeZoneSchema,
  hours: weekly.describe('ISO weekday (1 = Monday) → open ranges'),
  breaks: weekly,
  holidays: z
    .array(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected dates as YYYY-MM-DD')
        .refine(isDate, 'not a real date'),
    )
    .max(366, 'at most 366 holidays'),
  horizonDays: z.number().int().min(1, 'offer at least 1 day ahead').max(180, 'offer at most 180 days ahead'),
  reminderMinutes: z.number().int().min(0).max(10_080, 'remind at most a week (10080 minutes) before'),
  reminderTemplate: z
    .string()
    .min(1)
    .nullable()
    .describe('Template used for reminders when the 24-hour window has closed'),
});
// What is stored is answered as it is: a zone saved before zones were checked must not make the
// settings unreadable (the page is where it gets fixed).
const SettingsSchema = SettingsInput.extend({
  zone: z.string(),
  hours: z.record(z.string(), z.unknown()),
  breaks: z.record(z.string(), z.unknown()),
  holidays: z.array(z.string()),
});
const ServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  durationMin: z.number(),
  priceCents: z.number().nullable(),
  synonyms: z.array(z.string()),
});
const StaffSchema = z.object({ id: z.string(), name: z.string() });
const AppointmentSchema = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  service: z.string(),
  staff: z.string(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  conversationId: z.string().nullable(),
});

export const schedulingRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const admin = [requireAuth(db), requireAdmin];

  app.get(
    '/api/v1/scheduling/settings',
    {
      preHandler: admin,
      schema: {
        tags: ['scheduling'],
        summary: 'Working hours, breaks, holidays, services, staff and the .ics feed path',
        response: {
          200: SettingsSchema.extend({
            services: z.array(ServiceSchema),
            staff: z.array(StaffSchema),
            icsPath: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const s = await loadSchedulingSettings(db, p.tenantId);
      return {
        zone: s.availability.zone,
        hours: s.availability.hours,
        breaks: s.availability.breaks,
        holidays: s.availability.holidays,
        horizonDays: s.horizonDays,
        reminderMinutes: s.reminderMinutes,
        reminderTemplate: s.reminderTemplate,
        services: s.services.map((x) => ({ ...x, synonyms: x.synonyms ?? [] })),
        staff: s.staff,
        icsPath: `/api/v1/scheduling/${p.tenantId}/calendar.ics?token=${s.icsToken}`,
      };
    },
  );

  app.put(
    '/api/v1/scheduling/settings',
    {
      preHandler: admin,
      schema: {
        tags: ['scheduling'],
        summary: 'Set working hours, breaks, holidays and reminders',
        body: SettingsInput,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const b = req.body;
      await db.tx(async (q) => {
        await loadSchedulingSettings(q, p.tenantId);
        await q.query(
          `UPDATE sched_settings SET zone = $2, hours = $3, breaks = $4, holidays = $5, horizon_days = $6, reminder_minutes = $7, reminder_template = $8
           WHERE tenant_id = $1`,
          [
            p.tenantId,
            b.zone,
            JSON.stringify(b.hours),
            JSON.stringify(b.breaks),
            JSON.stringify(b.holidays),
            b.horizonDays,
            b.reminderMinutes,
            b.reminderTemplate,
          ],
        );
        await recordAudit(q, p, { action: 'scheduling.settings', details: { zone: b.zone } });
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/scheduling/services',
    {
      preHandler: admin,
      schema: {
        tags: ['scheduling'],
        summary: 'Add a service customers can book',
        body: z.object({
          name: z.string().min(1).max(100),
          durationMin: z.number().int().min(5).max(1440),
          priceCents: z.number().int().min(0).nullable().optional(),
          synonyms: z
            .array(z.string().trim().min(1).max(60))
            .max(20, 'at most 20 synonyms a service')
            .default([])
            .describe('Other words customers use for it ("cabelo", "haircut"): the bot reads them'),
        }),
        response: { 201: ServiceSchema },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO sched_services (tenant_id, name, duration_min, price_cents, synonyms) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [p.tenantId, req.body.name, req.body.durationMin, req.body.priceCents ?? null, req.body.synonyms],
      );
      return reply.code(201).send({
        id: rows[0]!.id,
        name: req.body.name,
        durationMin: req.body.durationMin,
        priceCents: req.body.priceCents ?? null,
        synonyms: req.body.synonyms,
      });
    },
  );

  app.delete(
    '/api/v1/scheduling/services/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['scheduling'],
        summary: 'Stop offering a service (booked appointments stay)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const { rowCount } = await db.query(
        'UPDATE sched_services SET active = false WHERE tenant_id = $1 AND id = $2',
        [p.tenantId, req.params.id],
      );
      if (rowCount === 0) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No such service in your tenant');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/scheduling/staff',
    {
      preHandler: admin,
      schema: {
        tags: ['scheduling'],
        summary: 'Add a staff member or resource (one appointment at a time each)',
        body: z.object({ name: z.string().min(1).max(100) }),
        response: { 201: StaffSchema },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO sched_staff (tenant_id, name) VALUES ($1, $2) RETURNING id',
        [p.tenantId, req.body.name],
      );
      return reply.code(201).send({ id: rows[0]!.id, name: req.body.name });
    },
  );

  app.delete(
    '/api/v1/scheduling/staff/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['scheduling'],
        summary: 'Remove a staff member from new bookings',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const { rowCount } = await db.query(
        'UPDATE sched_staff SET active = false WHERE tenant_id = $1 AND id = $2',
        [p.tenantId, req.params.id],
      );
      if (rowCount === 0)
        throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No such staff member in your tenant');
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/scheduling/staff/:id/google-calendar',
    {
      preHandler: admin,
      schema: {
        tags: ['scheduling'],
        summary:
          "Link a staff member's Google Calendar: its busy times block their slots, bookings are written there as events",
        params: z.object({ id: z.uuid() }),
        body: z.object({
          calendarId: z
            .string()
            .min(1)
            .max(300)
            .describe('The calendar id, such as ana@example.com or "primary"'),
          credentials: GoogleCredentials.describe(
            'An OAuth refresh token with its client id and secret (or a short-lived access token)',
          ),
        }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await db.tx(async (q) => {
        const staff = await q.query('SELECT 1 FROM sched_staff WHERE tenant_id = $1 AND id = $2', [
          p.tenantId,
          req.params.id,
        ]);
        if (staff.rowCount === 0)
          throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No such staff member in your tenant');
        await q.query(
          `INSERT INTO sched_google_calendars (staff_id, tenant_id, calendar_id, credentials_enc) VALUES ($1, $2, $3, $4)
           ON CONFLICT (staff_id) DO UPDATE SET calendar_id = EXCLUDED.calendar_id, credentials_enc = EXCLUDED.credentials_enc`,
          [
            req.params.id,
            p.tenantId,
            req.body.calendarId,
            ctx.box.seal(JSON.stringify(req.body.credentials)),
          ],
        );
        await recordAudit(q, p, {
          action: 'scheduling.google_calendar',
          details: { staffId: req.params.id, calendarId: req.body.calendarId },
        });
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/scheduling/staff/:id/google-calendar',
    {
      preHandler: admin,
      schema: {
        tags: ['scheduling'],
        summary: "Unlink a staff member's Google Calendar (events already written stay there)",
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const { rowCount } = await db.query(
        'DELETE FROM sched_google_calendars WHERE tenant_id = $1 AND staff_id = $2',
        [p.tenantId, req.params.id],
      );
      if (rowCount === 0)
        throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No Google Calendar is linked to this staff member');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/scheduling/appointments',
    {
      preHandler: requireAuth(db),
      schema: {
        tags: ['scheduling'],
        summary: 'Appointments between two times (default: the next 30 days)',
        querystring: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: z.object({ items: z.array(AppointmentSchema) }) },
      },
    },
    async (req) => {
      const p = principal(req);
      const from = req.query.from ? new Date(req.query.from) : new Date();
      const to = req.query.to ? new Date(req.query.to) : new Date(from.getTime() + 30 * 86_400_000);
      // An agent sees the appointments of customers whose conversations it sees.
      const visible = visibleConversationsSql(await loadVisibility(db, p), 4);
      const { rows } = await db.query<{
        id: string;
        starts_at: Date;
        ends_at: Date;
        status: string;
        service: string;
        staff: string;
        contact_id: string;
        contact_name: string | null;
        conversation_id: string | null;
      }>(
        `SELECT a.id, a.starts_at, a.ends_at, a.status, s.name AS service, st.name AS staff, a.contact_id, k.name AS contact_name, a.conversation_id
         FROM appointments a JOIN sched_services s ON s.id = a.service_id JOIN sched_staff st ON st.id = a.staff_id JOIN contacts k ON k.id = a.contact_id
         WHERE a.tenant_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
           AND EXISTS (SELECT 1 FROM conversations c WHERE c.tenant_id = $1 AND ${visible.sql}
             AND (c.id = a.conversation_id OR c.contact_id = a.contact_id))
         ORDER BY a.starts_at LIMIT 1000`,
        [p.tenantId, from, to, ...visible.params],
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          start: r.starts_at.toISOString(),
          end: r.ends_at.toISOString(),
          status: r.status,
          service: r.service,
          staff: r.staff,
          contactId: r.contact_id,
          contactName: r.contact_name,
          conversationId: r.conversation_id,
        })),
      };
    },
  );

  app.get(
    '/api/v1/scheduling/:tenantId/calendar.ics',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'The tenant’s appointments as an iCalendar feed (the token from the settings is the key)',
        security: [],
        params: z.object({ tenantId: z.uuid() }),
        querystring: z.object({ token: z.string().min(1) }),
      },
    },
    async (req, reply) => {
      const { rows } = await db.query<{ ics_token: string; name: string }>(
        'SELECT s.ics_token, t.name FROM sched_settings s JOIN tenants t ON t.id = s.tenant_id WHERE s.tenant_id = $1',
        [req.params.tenantId],
      );
      const row = rows[0];
      const given = Buffer.from(req.query.token);
      const ok =
        row &&
        given.length === Buffer.byteLength(row.ics_token) &&
        timingSafeEqual(given, Buffer.from(row.ics_token));
      if (!row || !ok)
        throw new ParleyError(
          'PARLEY_ERR_NOT_FOUND',
          'No calendar at this address: copy the feed URL from the scheduling settings',
        );
      reply.type('text/calendar; charset=utf-8');
      return icsFeed(db, req.params.tenantId, row.name);
    },
  );
};
