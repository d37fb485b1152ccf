// Google Calendar for the scheduling bot, through Google's official client (@googleapis/calendar)
// with a configurable root URL (tests point it at a local server speaking the Calendar v3
// shapes). Per staff member: freebusy blocks their slots (events the owner adds in Google block
// them too), the bot's bookings become events, and moves and cancellations update them.
import { auth, calendar, type calendar_v3 } from '@googleapis/calendar';
import { z } from 'zod';
import type { Interval } from './slots.ts';

/** How Parley reaches one staff member's calendar: a refresh token (with its OAuth client), or an access token. */
export const GoogleCredentials = z.union([
  z.object({ refreshToken: z.string().min(1), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  z.object({ accessToken: z.string().min(1) }),
]);
export type GoogleCredentials = z.infer<typeof GoogleCredentials>;

export interface GoogleEvent {
  summary: string;
  description: string;
  start: Date;
  end: Date;
}

export interface GoogleCalendarClient {
  /** Busy intervals per calendar id between two times. */
  busy(calendarIds: string[], from: Date, to: Date): Promise<Map<string, Interval[]>>;
  insert(calendarId: string, event: GoogleEvent): Promise<string>;
  move(calendarId: string, eventId: string, event: GoogleEvent): Promise<void>;
  remove(calendarId: string, eventId: string): Promise<void>;
}

export interface GoogleClientOptions {
  credentials: GoogleCredentials;
  /** Google's by default (https://www.googleapis.com/). */
  rootUrl?: string;
  timeoutMs?: number;
}

const body = (e: GoogleEvent): calendar_v3.Schema$Event => ({
  summary: e.summary,
  description: e.description,
  start: { dateTime: e.start.toISOString() },
  end: { dateTime: e.end.toISOString() },
});

export function createGoogleCalendarClient(opts: GoogleClientOptions): GoogleCalendarClient {
  const oauth = new auth.OAuth2(
    'refreshToken' in opts.credentials ? opts.credentials.clientId : undefined,
    'refreshToken' in opts.credentials ? opts.credentials.clientSecret : undefined,
  );
  oauth.setCredentials(
    'refreshToken' in opts.credentials
      ? { refresh_token: opts.credentials.refreshToken }
      : { access_token: opts.credentials.accessToken },
  );
  const api = calendar({
    version: 'v3',
    auth: oauth,
    ...(opts.rootUrl ? { rootUrl: opts.rootUrl } : {}),
    timeout: opts.timeoutMs ?? 5000,
    retry: false,
  });
  return {
    async busy(calendarIds, from, to) {
      const res = await api.freebusy.query({
        requestBody: {
          timeMin: from.toISOString(),
          timeMax: to.toISOString(),
          items: calendarIds.map((id) => ({ id })),
        },
      });
      const out = new Map<string, Interval[]>();
      for (const id of calendarIds) {
        const cal = res.data.calendars?.[id];
        if (cal?.errors?.length)
          throw new Error(`Google Calendar ${id}: ${cal.errors.map((e) => e.reason).join(', ')}`);
        out.set(
          id,
          (cal?.busy ?? []).map((b) => ({ start: new Date(b.start!), end: new Date(b.end!) })),
        );
      }
      return out;
    },
    async insert(calendarId, event) {
      const res = await api.events.insert({ calendarId, requestBody: body(event) });
      if (!res.data.id) throw new Error('Google Calendar created an event without an id');
      return res.data.id;
    },
    async move(calendarId, eventId, event) {
      await api.events.patch({ calendarId, eventId, requestBody: body(event) });
    },
    async remove(calendarId, eventId) {
      await api.events.delete({ calendarId, eventId });
    },
  };
}
