// A tenant's staff calendars in Google, as the calendar store uses them: busy times per staff
// member, and the events of bookings written, moved and deleted. Google being down never loses a
// booking: the failure is reported (onError) and the booking stands without its event.
import type { Queryable } from '../../store/db.ts';
import type { SecretBox } from '../../store/secret-box.ts';
import {
  createGoogleCalendarClient,
  type GoogleCalendarClient,
  GoogleCredentials,
  type GoogleEvent,
} from './google-calendar.ts';
import type { Interval } from './slots.ts';

export interface GoogleAccess {
  box: SecretBox;
  /** Google's by default; a local stand-in in tests. */
  rootUrl?: string;
  onError?: (message: string) => void;
}

interface Link {
  calendarId: string;
  client: GoogleCalendarClient;
}

export interface GoogleLinks {
  /** Busy intervals of every linked staff member between two times. */
  busy(from: Date, to: Date): Promise<(Interval & { staffId: string })[]>;
  /** Writes a booking's event; its id, or null when the staff member has no calendar (or Google failed). */
  write(staffId: string, event: GoogleEvent): Promise<string | null>;
  move(fromStaffId: string, eventId: string, toStaffId: string, event: GoogleEvent): Promise<string | null>;
  remove(staffId: string, eventId: string): Promise<void>;
}

export function googleLinks(q: Queryable, tenantId: string, access: GoogleAccess): GoogleLinks {
  let loaded: Promise<Map<string, Link>> | null = null;
  const links = () => {
    loaded ??= q
      .query<{ staff_id: string; calendar_id: string; credentials_enc: string }>(
        'SELECT staff_id, calendar_id, credentials_enc FROM sched_google_calendars WHERE tenant_id = $1',
        [tenantId],
      )
      .then(
        ({ rows }) =>
          new Map(
            rows.map((r) => [
              r.staff_id,
              {
                calendarId: r.calendar_id,
                client: createGoogleCalendarClient({
                  credentials: GoogleCredentials.parse(JSON.parse(access.box.open(r.credentials_enc))),
                  ...(access.rootUrl ? { rootUrl: access.rootUrl } : {}),
                }),
              },
            ]),
          ),
      );
    return loaded;
  };
  const report = (what: string, err: unknown) =>
    access.onError?.(`Google Calendar ${what}: ${(err as Error).message}`);
  return {
    async busy(from, to) {
      const all = await links();
      const per = await Promise.all(
        [...all].map(async ([staffId, l]) => {
          try {
            const busy = (await l.client.busy([l.calendarId], from, to)).get(l.calendarId) ?? [];
            return busy.map((b) => ({ ...b, staffId }));
          } catch (err) {
            report('free/busy failed', err);
            return [];
          }
        }),
      );
      return per.flat();
    },
    async write(staffId, event) {
      const l = (await links()).get(staffId);
      if (!l) return null;
      try {
        return await l.client.insert(l.calendarId, event);
      } catch (err) {
        report('could not add the booking', err);
        return null;
      }
    },
    async move(fromStaffId, eventId, toStaffId, event) {
      const all = await links();
      const from = all.get(fromStaffId);
      if (fromStaffId === toStaffId && from) {
        try {
          await from.client.move(from.calendarId, eventId, event);
          return eventId;
        } catch (err) {
          report('could not move the booking', err);
          return eventId;
        }
      }
      await this.remove(fromStaffId, eventId);
      return this.write(toStaffId, event);
    },
    async remove(staffId, eventId) {
      const l = (await links()).get(staffId);
      if (!l) return;
      try {
        await l.client.remove(l.calendarId, eventId);
      } catch (err) {
        report('could not delete the booking', err);
      }
    },
  };
}
