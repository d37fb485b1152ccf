// Google Calendar per staff member, through Google's client against a local server speaking the
// Calendar v3 shapes (freeBusy query, events insert/patch/delete), on the embedded database: an
// event the owner added blocks that staff member's slots, bookings become events, moves patch
// them and cancellations delete them.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../admin/accounts.ts';
import type { Db } from '../../store/db.ts';
import { openPglite } from '../../store/pglite.ts';
import { createSecretBox } from '../../store/secret-box.ts';
import { useMigratedDb } from '../../test-support/migrated-db.ts';
import type { SchedulingCalendar } from './calendar.ts';
import { createCalendarStore, loadSchedulingSettings } from './calendar-store.ts';

const box = createSecretBox('d'.repeat(64));
// The owner's own event in Ana's calendar: Friday 27 November 2026, 10:00–11:00 in São Paulo.
const OWNER_EVENT = { start: '2026-11-27T13:00:00Z', end: '2026-11-27T14:00:00Z' };

interface Call {
  method: string;
  path: string;
  auth: string | undefined;
  body: Record<string, unknown> | null;
}
const calls: Call[] = [];
let server: Server;
let rootUrl = '';
let nextEvent = 0;

describe('scheduling bot: Google Calendar per staff member', () => {
  let db: Db;
  let store: SchedulingCalendar;
  let tenantId: string;
  let ana: string;
  let bia: string;
  let contactId: string;
  const errors: string[] = [];
  useMigratedDb(
    async () => ({ db: await openPglite(null) }),
    (opened) => {
      db = opened;
    },
  );

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => {
        raw += c.toString();
      });
      req.on('end', () => {
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
        const path = decodeURIComponent(req.url!.split('?')[0]!);
        calls.push({ method: req.method!, path, auth: req.headers.authorization, body });
        const json = (status: number, data: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(data));
        };
        if (req.method === 'POST' && path === '/calendar/v3/freeBusy') {
          const items = (body!['items'] as { id: string }[]).map((i) => i.id);
          return json(200, {
            kind: 'calendar#freeBusy',
            timeMin: body!['timeMin'],
            timeMax: body!['timeMax'],
            calendars: Object.fromEntries(
              items.map((id) => [id, { busy: id === 'ana@salon.example' ? [OWNER_EVENT] : [] }]),
            ),
          });
        }
        const events = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
        if (events && req.method === 'POST')
          return json(200, { kind: 'calendar#event', id: `evt${++nextEvent}`, ...body, status: 'confirmed' });
        if (events && req.method === 'PATCH')
          return json(200, { kind: 'calendar#event', id: events[2], ...body, status: 'confirmed' });
        if (events && req.method === 'DELETE') {
          res.writeHead(204);
          return res.end();
        }
        json(404, { error: { code: 404, message: 'Not Found' } });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    rootUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;

    tenantId = (await db.tx((q) => createTenant(q, 'Salon'))).id;
    await loadSchedulingSettings(db, tenantId);
    await db.query("INSERT INTO sched_services (tenant_id, name, duration_min) VALUES ($1, 'Cut', 60)", [
      tenantId,
    ]);
    const staff = await db.query<{ id: string; name: string }>(
      "INSERT INTO sched_staff (tenant_id, name) VALUES ($1, 'Ana'), ($1, 'Bia') RETURNING id, name",
      [tenantId],
    );
    ana = staff.rows.find((r) => r.name === 'Ana')!.id;
    bia = staff.rows.find((r) => r.name === 'Bia')!.id;
    await db.query(
      'INSERT INTO sched_google_calendars (staff_id, tenant_id, calendar_id, credentials_enc) VALUES ($1, $2, $3, $4)',
      [ana, tenantId, 'ana@salon.example', box.seal(JSON.stringify({ accessToken: 'ya29.test-token' }))],
    );
    contactId = (
      await db.query<{ id: string }>(
        "INSERT INTO contacts (tenant_id, wa_id, name, phone) VALUES ($1, '5511988887777', 'Maria', '+5511988887777') RETURNING id",
        [tenantId],
      )
    ).rows[0]!.id;
    store = createCalendarStore(db, tenantId, null, { box, rootUrl, onError: (m) => errors.push(m) });
  });
  afterAll(() => {
    server.close();
  });

  const serviceId = async () => (await store.settings()).services[0]!.id;

  it('counts an event the owner added in Google as busy for that staff member only', async () => {
    const busy = await store.bookings(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-28T00:00:00Z'));
    expect(busy.map((b) => [b.staffId, b.start.toISOString(), b.end.toISOString()])).toEqual([
      [ana, '2026-11-27T13:00:00.000Z', '2026-11-27T14:00:00.000Z'],
    ]);
    const query = calls.find((c) => c.path === '/calendar/v3/freeBusy')!;
    expect(query.auth).toBe('Bearer ya29.test-token');
    expect(query.body).toMatchObject({
      timeMin: '2026-11-27T00:00:00.000Z',
      timeMax: '2026-11-28T00:00:00.000Z',
      items: [{ id: 'ana@salon.example' }],
    });
    // Ana is away then: asked for her, the slot is taken; asked for anyone, Bia gets it.
    const withAna = await store.book(contactId, await serviceId(), new Date(OWNER_EVENT.start), ana);
    expect(withAna.ok).toBe(false);
    const anyone = await store.book(contactId, await serviceId(), new Date(OWNER_EVENT.start));
    expect(anyone.ok && anyone.appointment.staffId).toBe(bia);
    expect(calls.filter((c) => c.method !== 'POST' || c.path !== '/calendar/v3/freeBusy')).toEqual([]);
  });

  it('writes a booking as an event, patches it when moved and deletes it when cancelled', async () => {
    const booked = await store.book(contactId, await serviceId(), new Date('2026-11-30T12:00:00Z'), ana);
    expect(booked.ok).toBe(true);
    const insert = calls.at(-1)!;
    expect(insert).toMatchObject({
      method: 'POST',
      path: '/calendar/v3/calendars/ana@salon.example/events',
      body: {
        summary: 'Cut — Maria',
        start: { dateTime: '2026-11-30T12:00:00.000Z' },
        end: { dateTime: '2026-11-30T13:00:00.000Z' },
      },
    });
    const id = booked.ok ? booked.appointment.id : '';
    const eventOf = async (appt: string) =>
      (
        await db.query<{ google_event_id: string | null }>(
          'SELECT google_event_id FROM appointments WHERE id = $1',
          [appt],
        )
      ).rows[0]!.google_event_id;
    const eventId = await eventOf(id);
    expect(eventId).toMatch(/^evt\d+$/);

    const moved = await store.reschedule(id, new Date('2026-12-01T15:00:00Z'), ana);
    expect(moved.ok).toBe(true);
    expect(calls.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/calendar/v3/calendars/ana@salon.example/events/${eventId}`,
      body: {
        start: { dateTime: '2026-12-01T15:00:00.000Z' },
        end: { dateTime: '2026-12-01T16:00:00.000Z' },
      },
    });
    const movedId = moved.ok ? moved.appointment.id : '';
    expect(await eventOf(movedId)).toBe(eventId);

    await store.cancel(movedId);
    expect(calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/calendar/v3/calendars/ana@salon.example/events/${eventId}`,
    });
    expect(errors).toEqual([]);
  });

  it('keeps the booking when Google fails, and says so', async () => {
    const broken = createCalendarStore(db, tenantId, null, {
      box,
      rootUrl: 'http://127.0.0.1:9/',
      onError: (m) => errors.push(m),
    });
    const booked = await broken.book(contactId, await serviceId(), new Date('2026-12-02T12:00:00Z'), ana);
    expect(booked.ok).toBe(true);
    expect(
      errors.some((e) => /^Google Calendar (free\/busy failed|could not add the booking):/.test(e)),
    ).toBe(true);
  });
});
