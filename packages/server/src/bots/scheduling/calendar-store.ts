// The scheduling calendar in PostgreSQL (or PGlite). Booking is one INSERT guarded by the
// appointments_no_overlap exclusion constraint: of two customers taking the same slot, the
// database lets exactly one through, whatever the number of workers.
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../store/db.ts';
import type { Appointment, BookResult, CalendarSettings, SchedulingCalendar } from './calendar.ts';
import { type GoogleAccess, googleLinks } from './google-links.ts';
import type { WeeklyHours } from './slots.ts';

const EXCLUSION_VIOLATION = '23P01';

interface ApptRow {
  id: string;
  service_id: string;
  service_name: string;
  staff_id: string;
  starts_at: Date;
  ends_at: Date;
}

const toAppointment = (r: ApptRow): Appointment => ({
  id: r.id,
  serviceId: r.service_id,
  serviceName: r.service_name,
  staffId: r.staff_id,
  start: r.starts_at,
  end: r.ends_at,
});

export interface StoredSettings extends CalendarSettings {
  reminderMinutes: number;
  reminderTemplate: string | null;
  icsToken: string;
}

export async function loadSchedulingSettings(q: Queryable, tenantId: string): Promise<StoredSettings> {
  await q.query('INSERT INTO sched_settings (tenant_id, ics_token) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    tenantId,
    randomBytes(18).toString('hex'),
  ]);
  const s = await q.query<{
    zone: string;
    hours: WeeklyHours;
    breaks: WeeklyHours;
    holidays: string[];
    horizon_days: number;
    reminder_minutes: number;
    reminder_template: string | null;
    ics_token: string;
  }>(
    'SELECT zone, hours, breaks, holidays, horizon_days, reminder_minutes, reminder_template, ics_token FROM sched_settings WHERE tenant_id = $1',
    [tenantId],
  );
  const services = await q.query<{
    id: string;
    name: string;
    duration_min: number;
    price_cents: number | null;
    synonyms: string[];
  }>(
    'SELECT id, name, duration_min, price_cents, synonyms FROM sched_services WHERE tenant_id = $1 AND active ORDER BY name',
    [tenantId],
  );
  const staff = await q.query<{ id: string; name: string }>(
    'SELECT id, name FROM sched_staff WHERE tenant_id = $1 AND active ORDER BY name',
    [tenantId],
  );
  const row = s.rows[0]!;
  return {
    availability: { zone: row.zone, hours: row.hours, breaks: row.breaks, holidays: row.holidays },
    services: services.rows.map((r) => ({
      id: r.id,
      name: r.name,
      durationMin: r.duration_min,
      priceCents: r.price_cents,
      synonyms: r.synonyms,
    })),
    staff: staff.rows,
    horizonDays: row.horizon_days,
    reminderMinutes: row.reminder_minutes,
    reminderTemplate: row.reminder_template,
    icsToken: row.ics_token,
  };
}

/**
 * Each operation commits on its own (a bot turn may wait seconds on a model, and must not hold a
 * transaction meanwhile); booking is idempotent, so a turn retried after a crash finds its own
 * booking instead of reporting the slot as taken.
 */
export function createCalendarStore(
  db: Db,
  tenantId: string,
  conversationId: string | null = null,
  google?: GoogleAccess,
): SchedulingCalendar {
  const linked = google ? googleLinks(db, tenantId, google) : null;
  /** The event a booking becomes in its staff member's Google Calendar. */
  const eventOf = async (a: Appointment, contactId: string) => {
    const who = await db.query<{ name: string | null; phone: string | null }>(
      'SELECT name, phone FROM contacts WHERE id = $1',
      [contactId],
    );
    const c = who.rows[0];
    return {
      summary: `${a.serviceName} — ${c?.name ?? c?.phone ?? 'customer'}`,
      description: `Booked through Parley's scheduling bot${c?.phone ? `\nCustomer: ${c.name ?? ''} ${c.phone}` : ''}`,
      start: a.start,
      end: a.end,
    };
  };
  let settings: Promise<StoredSettings> | null = null;
  const get = () => {
    settings ??= loadSchedulingSettings(db, tenantId);
    return settings;
  };

  /** Inside a transaction each attempt gets a savepoint, so a refused one does not abort the rest. */
  const insert = async (
    q: Queryable,
    inTx: boolean,
    contactId: string,
    serviceId: string,
    start: Date,
    staffId: string | null | undefined,
  ): Promise<BookResult> => {
    const s = await get();
    const service = s.services.find((x) => x.id === serviceId);
    if (!service) throw new Error(`service ${serviceId} is not offered by tenant ${tenantId}`);
    const mine = await q.query<ApptRow>(
      `SELECT a.id, a.service_id, $4::text AS service_name, a.staff_id, a.starts_at, a.ends_at FROM appointments a
       WHERE a.tenant_id = $1 AND a.contact_id = $2 AND a.starts_at = $3 AND a.service_id = $5 AND a.status = 'booked'`,
      [tenantId, contactId, start, service.name, serviceId],
    );
    if (mine.rows[0]) return { ok: true, appointment: toAppointment(mine.rows[0]) };
    const end = new Date(start.getTime() + service.durationMin * 60_000);
    // Busy in their Google Calendar (an event the owner added there) counts as booked.
    const away = new Set(
      (linked ? await linked.busy(start, end) : [])
        .filter((b) => b.start < end && start < b.end)
        .map((b) => b.staffId),
    );
    for (const staff of s.staff.filter((st) => (!staffId || st.id === staffId) && !away.has(st.id))) {
      if (inTx) await q.query('SAVEPOINT book_attempt');
      try {
        const { rows } = await q.query<ApptRow>(
          `INSERT INTO appointments (tenant_id, contact_id, conversation_id, service_id, staff_id, starts_at, ends_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           RETURNING id, service_id, $8::text AS service_name, staff_id, starts_at, ends_at`,
          [tenantId, contactId, conversationId, serviceId, staff.id, start, end, service.name],
        );
        if (inTx) await q.query('RELEASE SAVEPOINT book_attempt');
        return { ok: true, appointment: toAppointment(rows[0]!) };
      } catch (err) {
        // This staff member is booked then; try the next one.
        if ((err as { code?: string }).code !== EXCLUSION_VIOLATION) throw err;
        if (inTx) await q.query('ROLLBACK TO SAVEPOINT book_attempt');
      }
    }
    return { ok: false, reason: 'taken' };
  };

  return {
    settings: get,
    async bookings(from, to) {
      const { rows } = await db.query<{ id: string; staff_id: string; starts_at: Date; ends_at: Date }>(
        `SELECT id, staff_id, starts_at, ends_at FROM appointments
         WHERE tenant_id = $1 AND status = 'booked' AND starts_at < $3 AND ends_at > $2`,
        [tenantId, from, to],
      );
      const own = rows.map((r) => ({ id: r.id, staffId: r.staff_id, start: r.starts_at, end: r.ends_at }));
      const away = linked ? await linked.busy(from, to) : [];
      return [...own, ...away.map((b, i) => ({ ...b, id: `google:${i}` }))];
    },
    async book(contactId, serviceId, start, staffId) {
      const result = await insert(db, false, contactId, serviceId, start, staffId);
      if (result.ok && linked) {
        const a = result.appointment;
        const eventId = await linked.write(a.staffId, await eventOf(a, contactId));
        if (eventId)
          await db.query(
            'UPDATE appointments SET google_event_id = $2 WHERE id = $1 AND google_event_id IS NULL',
            [a.id, eventId],
          );
      }
      return result;
    },
    async upcoming(contactId, now) {
      const { rows } = await db.query<ApptRow>(
        `SELECT a.id, a.service_id, s.name AS service_name, a.staff_id, a.starts_at, a.ends_at
         FROM appointments a JOIN sched_services s ON s.id = a.service_id
         WHERE a.tenant_id = $1 AND a.contact_id = $2 AND a.status = 'booked' AND a.starts_at > $3 ORDER BY a.starts_at`,
        [tenantId, contactId, now],
      );
      return rows.map(toAppointment);
    },
    async cancel(id) {
      const { rows } = await db.query<{ staff_id: string; google_event_id: string | null }>(
        "UPDATE appointments SET status = 'cancelled' WHERE tenant_id = $1 AND id = $2 RETURNING staff_id, google_event_id",
        [tenantId, id],
      );
      const r = rows[0];
      if (linked && r?.google_event_id) await linked.remove(r.staff_id, r.google_event_id);
    },
    async reschedule(id, start, staffId) {
      // Cancel and re-book in one transaction: a customer never ends up with neither slot.
      const { moved, old } = await db.tx(async (q) => {
        const { rows } = await q.query<{
          contact_id: string;
          service_id: string;
          staff_id: string;
          google_event_id: string | null;
        }>(
          "UPDATE appointments SET status = 'cancelled' WHERE tenant_id = $1 AND id = $2 AND status = 'booked' RETURNING contact_id, service_id, staff_id, google_event_id",
          [tenantId, id],
        );
        const old = rows[0];
        if (!old) throw new Error(`appointment ${id} is not booked`);
        const moved = await insert(q, true, old.contact_id, old.service_id, start, staffId);
        if (!moved.ok) await q.query("UPDATE appointments SET status = 'booked' WHERE id = $1", [id]);
        return { moved, old };
      });
      // The event moves with the booking (to another staff member's calendar if it changed hands).
      if (moved.ok && linked) {
        const a = moved.appointment;
        const event = await eventOf(a, old.contact_id);
        const eventId = old.google_event_id
          ? await linked.move(old.staff_id, old.google_event_id, a.staffId, event)
          : await linked.write(a.staffId, event);
        if (eventId)
          await db.query('UPDATE appointments SET google_event_id = $2 WHERE id = $1', [a.id, eventId]);
      }
      return moved;
    },
  };
}
