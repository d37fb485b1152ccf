import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Availability, formatSlot, freeSlots, pickSlots } from './slots.ts';

const ZONE = 'America/Sao_Paulo';
const week: Availability = {
  zone: ZONE,
  hours: {
    1: [{ start: '09:00', end: '18:00' }],
    2: [{ start: '09:00', end: '18:00' }],
    3: [{ start: '09:00', end: '18:00' }],
    4: [{ start: '09:00', end: '18:00' }],
    5: [{ start: '09:00', end: '18:00' }],
  },
  breaks: {
    1: [{ start: '12:00', end: '13:00' }],
    2: [{ start: '12:00', end: '13:00' }],
    3: [{ start: '12:00', end: '13:00' }],
    4: [{ start: '12:00', end: '13:00' }],
    5: [{ start: '12:00', end: '13:00' }],
  },
  holidays: ['2026-11-26'],
};
// Wednesday 25 November 2026, 09:00 in São Paulo (UTC-3).
const NOW = new Date('2026-11-25T12:00:00Z');
const local = (iso: string) => new Date(`${iso}-03:00`);

describe('scheduling bot: free slots', () => {
  const friday = { from: local('2026-11-27T00:00:00'), to: local('2026-11-27T23:59:00') };

  it('offers the working hours of a day in steps of the service duration, skipping the lunch break', () => {
    const slots = freeSlots({ availability: week, durationMin: 60, ...friday, busy: [], now: NOW });
    expect(slots.map((s) => formatSlot(s, ZONE, 'en'))).toEqual(
      ['9:00 AM', '10:00 AM', '11:00 AM', '1:00 PM', '2:00 PM', '3:00 PM', '4:00 PM', '5:00 PM'].map(
        (t) => `Friday 27 Nov at ${t}`,
      ),
    );
  });

  it('leaves out holidays, weekends, booked slots and slots too soon', () => {
    const thursdayToSunday = { from: local('2026-11-26T00:00:00'), to: local('2026-11-29T23:59:00') };
    const busy = [{ start: local('2026-11-27T10:00:00'), end: local('2026-11-27T11:00:00') }];
    const slots = freeSlots({ availability: week, durationMin: 60, ...thursdayToSunday, busy, now: NOW });
    expect(slots.every((s) => s.toISOString().startsWith('2026-11-27'))).toBe(true);
    expect(slots.some((s) => s.getTime() === busy[0]!.start.getTime())).toBe(false);
    const today = freeSlots({
      availability: week,
      durationMin: 60,
      from: NOW,
      to: local('2026-11-25T23:59:00'),
      busy: [],
      now: NOW,
    });
    expect(today[0]).toEqual(local('2026-11-25T10:00:00'));
  });

  it('never offers a slot that overlaps a booking or a break, for any bookings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 * 4 }), { maxLength: 10 }),
        fc.constantFrom(30, 45, 60, 90),
        (starts, duration) => {
          const base = local('2026-11-27T09:00:00').getTime();
          const busy = starts.map((q) => ({
            start: new Date(base + q * 15 * 60_000),
            end: new Date(base + (q * 15 + 30) * 60_000),
          }));
          const slots = freeSlots({
            availability: week,
            durationMin: duration,
            stepMin: 15,
            ...friday,
            busy,
            now: NOW,
          });
          for (const s of slots) {
            const end = new Date(s.getTime() + duration * 60_000);
            expect(busy.some((b) => s < b.end && b.start < end)).toBe(false);
            expect(s < local('2026-11-27T13:00:00') && local('2026-11-27T12:00:00') < end).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('picks the slots that fit the wish, closest to the asked time first', () => {
    const slots = freeSlots({ availability: week, durationMin: 60, ...friday, busy: [], now: NOW });
    const afternoon = pickSlots(
      slots,
      { date: { year: 2026, month: 11, day: 27 }, time: null, partOfDay: 'afternoon' },
      ZONE,
      3,
    );
    expect(afternoon.map((s) => formatSlot(s, ZONE, 'pt'))).toEqual([
      'sexta-feira, 27/11 às 13:00',
      'sexta-feira, 27/11 às 14:00',
      'sexta-feira, 27/11 às 15:00',
    ]);
    const near15 = pickSlots(slots, { date: null, time: { hour: 15, minute: 0 }, partOfDay: null }, ZONE, 2);
    expect(near15.map((s) => formatSlot(s, ZONE, 'en'))).toEqual([
      'Friday 27 Nov at 3:00 PM',
      'Friday 27 Nov at 2:00 PM',
    ]);
  });
});
