// The calendar store on a real database: the exclusion constraint lets exactly one of many
// concurrent bookings of a slot through, and booking is idempotent per customer.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../admin/accounts.ts';
import type { Db } from '../../store/db.ts';
import { useMigratedDb } from '../../test-support/migrated-db.ts';
import { createCalendarStore, loadSchedulingSettings } from './calendar-store.ts';

export function calendarStoreContract(
  adapter: string,
  open: () => Promise<{ db: Db; teardown?: () => Promise<void> }>,
): void {
  describe(`scheduling calendar store: ${adapter}`, () => {
    let db: Db;
    let tenantId: string;
    let serviceId: string;
    const contacts: string[] = [];
    useMigratedDb(open, (opened) => {
      db = opened;
    });
    beforeAll(async () => {
      tenantId = (await db.tx((q) => createTenant(q, 'Salon'))).id;
      await loadSchedulingSettings(db, tenantId);
      await db.query(
        `UPDATE sched_settings SET zone = 'America/Sao_Paulo', hours = '{"1":[{"start":"09:00","end":"18:00"}],"5":[{"start":"09:00","end":"18:00"}]}' WHERE tenant_id = $1`,
        [tenantId],
      );
      serviceId = (
        await db.query<{ id: string }>(
          "INSERT INTO sched_services (tenant_id, name, duration_min) VALUES ($1, 'Cut', 60) RETURNING id",
          [tenantId],
        )
      ).rows[0]!.id;
      await db.query("INSERT INTO sched_staff (tenant_id, name) VALUES ($1, 'Ana'), ($1, 'Bia')", [tenantId]);
      // Six race for one slot in the first test; three more are kept apart for the others.
      for (let i = 0; i < 9; i++) {
        contacts.push(
          (
            await db.query<{ id: string }>(
              'INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, $2) RETURNING id',
              [tenantId, `55119000000${i}`],
            )
          ).rows[0]!.id,
        );
      }
    });

    it('lets exactly as many customers book a slot as there are staff, whatever the concurrency', async () => {
      const cal = createCalendarStore(db, tenantId);
      const start = new Date('2026-11-27T15:00:00Z');
      const results = await Promise.all(contacts.slice(0, 6).map((c) => cal.book(c, serviceId, start)));
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      const booked = await db.query<{ n: number }>(
        "SELECT count(*)::int8 AS n FROM appointments WHERE starts_at = $1 AND status = 'booked'",
        [start],
      );
      expect(booked.rows[0]?.n).toBe(2);
    });

    it('is idempotent for the same customer and slot (a retried bot turn)', async () => {
      const cal = createCalendarStore(db, tenantId);
      const start = new Date('2026-11-27T17:00:00Z');
      const a = await cal.book(contacts[6]!, serviceId, start);
      const b = await cal.book(contacts[6]!, serviceId, start);
      expect(a.ok && b.ok && a.appointment.id === b.appointment.id).toBe(true);
    });

    it('reschedules atomically, keeping the old booking when the new slot is taken', async () => {
      const cal = createCalendarStore(db, tenantId);
      const early = new Date('2026-11-30T12:00:00Z');
      const late = new Date('2026-11-30T14:00:00Z');
      const mine = await cal.book(contacts[7]!, serviceId, early);
      await cal.book(contacts[8]!, serviceId, late);
      await cal.book(contacts[6]!, serviceId, late);
      if (!mine.ok) throw new Error('setup failed');
      expect((await cal.reschedule(mine.appointment.id, late)).ok).toBe(false);
      expect((await cal.upcoming(contacts[7]!, new Date('2026-11-01'))).map((a) => a.start)).toEqual([early]);
      const moved = await cal.reschedule(mine.appointment.id, new Date('2026-11-30T16:00:00Z'));
      expect(moved.ok).toBe(true);
      expect(
        (await cal.upcoming(contacts[7]!, new Date('2026-11-01'))).map((a) => a.start.toISOString()),
      ).toEqual(['2026-11-30T16:00:00.000Z']);
    });
  });
}
