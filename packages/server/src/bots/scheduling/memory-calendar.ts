// An in-memory SchedulingCalendar with the same one-appointment-per-staff-and-time rule as the
// database's exclusion constraint. For tests and for trying the bot without a database.
import { randomUUID } from 'node:crypto';
import type { Appointment, BookResult, CalendarSettings, SchedulingCalendar } from './calendar.ts';

interface Row extends Appointment {
  contactId: string;
  cancelled: boolean;
}

export function createMemoryCalendar(settings: CalendarSettings): SchedulingCalendar & { rows: Row[] } {
  const rows: Row[] = [];
  const overlaps = (r: Row, staffId: string, start: Date, end: Date, except?: string) =>
    !r.cancelled && r.id !== except && r.staffId === staffId && r.start < end && start < r.end;
  const place = (
    contactId: string,
    serviceId: string,
    start: Date,
    staffId: string | null | undefined,
    except?: string,
  ): BookResult => {
    const service = settings.services.find((s) => s.id === serviceId);
    if (!service) throw new Error(`no service ${serviceId}`);
    const end = new Date(start.getTime() + service.durationMin * 60_000);
    const staff = settings.staff.find(
      (st) => (!staffId || st.id === staffId) && !rows.some((r) => overlaps(r, st.id, start, end, except)),
    );
    if (!staff) return { ok: false, reason: 'taken' };
    const row: Row = {
      id: randomUUID(),
      serviceId,
      serviceName: service.name,
      staffId: staff.id,
      start,
      end,
      contactId,
      cancelled: false,
    };
    rows.push(row);
    return { ok: true, appointment: row };
  };
  return {
    rows,
    settings: async () => settings,
    bookings: async (from, to) => rows.filter((r) => !r.cancelled && r.start < to && from < r.end),
    book: async (contactId, serviceId, start, staffId) => place(contactId, serviceId, start, staffId),
    upcoming: async (contactId, now) =>
      rows
        .filter((r) => r.contactId === contactId && !r.cancelled && r.start > now)
        .sort((a, b) => a.start.getTime() - b.start.getTime()),
    cancel: async (id) => {
      const r = rows.find((x) => x.id === id);
      if (r) r.cancelled = true;
    },
    reschedule: async (id, start, staffId) => {
      const r = rows.find((x) => x.id === id);
      if (!r) throw new Error(`no appointment ${id}`);
      const moved = place(r.contactId, r.serviceId, start, staffId, id);
      if (moved.ok) r.cancelled = true;
      return moved;
    },
  };
}
