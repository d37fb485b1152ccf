// The tenant's appointments as an iCalendar feed, for calendar apps (ical-generator does the
// escaping and line folding RFC 5545 asks for).
import ical from 'ical-generator';
import type { Queryable } from '../../store/db.ts';

export async function icsFeed(q: Queryable, tenantId: string, name: string): Promise<string> {
  const { rows } = await q.query<{
    id: string;
    starts_at: Date;
    ends_at: Date;
    service: string;
    staff: string;
    contact: string | null;
    phone: string | null;
    created_at: Date;
  }>(
    `SELECT a.id, a.starts_at, a.ends_at, s.name AS service, st.name AS staff, k.name AS contact, k.phone, a.created_at
     FROM appointments a JOIN sched_services s ON s.id = a.service_id JOIN sched_staff st ON st.id = a.staff_id
     JOIN contacts k ON k.id = a.contact_id
     WHERE a.tenant_id = $1 AND a.status = 'booked' AND a.starts_at > now() - interval '90 days'
     ORDER BY a.starts_at`,
    [tenantId],
  );
  const cal = ical({ name: `${name} appointments`, prodId: { company: 'Parley', product: 'scheduling' } });
  for (const r of rows) {
    cal.createEvent({
      id: `${r.id}@parley`,
      start: r.starts_at,
      end: r.ends_at,
      stamp: r.created_at,
      summary: `${r.service} — ${r.contact ?? r.phone ?? 'customer'}`,
      description: `${r.service} with ${r.staff}${r.phone ? `\nCustomer: ${r.contact ?? ''} ${r.phone}` : ''}`,
    });
  }
  return cal.toString();
}
