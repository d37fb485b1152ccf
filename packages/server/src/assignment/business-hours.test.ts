import { describe, expect, it } from 'vitest';
import {
  type BusinessHours,
  BusinessHoursSchema,
  closedPeriodKey,
  isWithinHours,
  localTime,
} from './business-hours.ts';

const weekdays9to17: BusinessHours = BusinessHoursSchema.parse({
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [{ from: '09:00', to: '17:00' }],
    tue: [
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ],
    wed: [{ from: '09:00', to: '17:00' }],
    thu: [{ from: '09:00', to: '17:00' }],
    fri: [{ from: '09:00', to: '17:00' }],
  },
  holidays: ['2026-12-25'],
});

describe('business hours', () => {
  it('reads the wall clock of the channel time zone', () => {
    // 2026-11-25 is a Wednesday; Berlin is UTC+1 in November.
    expect(localTime(new Date('2026-11-25T08:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-11-25',
      weekday: 'wed',
      minutes: 9 * 60 + 30,
    });
    expect(isWithinHours(weekdays9to17, new Date('2026-11-25T08:30:00Z'))).toBe(true);
    expect(isWithinHours(weekdays9to17, new Date('2026-11-25T07:30:00Z'))).toBe(false);
  });

  it('follows daylight saving time: 09:00 in Berlin is 07:00 UTC in summer', () => {
    expect(isWithinHours(weekdays9to17, new Date('2026-07-01T07:05:00Z'))).toBe(true);
    expect(isWithinHours(weekdays9to17, new Date('2026-07-01T06:55:00Z'))).toBe(false);
  });

  it('closes at the end of an interval and over a lunch break', () => {
    expect(isWithinHours(weekdays9to17, new Date('2026-11-25T16:00:00Z'))).toBe(false); // 17:00 Berlin
    expect(isWithinHours(weekdays9to17, new Date('2026-11-24T11:30:00Z'))).toBe(false); // Tue 12:30
    expect(isWithinHours(weekdays9to17, new Date('2026-11-24T12:30:00Z'))).toBe(true); // Tue 13:30
  });

  it('is closed on weekends and holidays', () => {
    expect(isWithinHours(weekdays9to17, new Date('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
    expect(isWithinHours(weekdays9to17, new Date('2026-12-25T10:00:00Z'))).toBe(false); // a Friday holiday
  });

  it('names one out-of-hours period by the closing time it began with', () => {
    const evening = closedPeriodKey(weekdays9to17, new Date('2026-11-25T20:00:00Z'));
    const nextMorning = closedPeriodKey(weekdays9to17, new Date('2026-11-26T06:00:00Z'));
    expect(evening).toBe('2026-11-25T17:00');
    expect(nextMorning).toBe(evening);
    // The weekend is one period from Friday's close until Monday's opening.
    expect(closedPeriodKey(weekdays9to17, new Date('2026-11-29T12:00:00Z'))).toBe('2026-11-27T17:00');
    // The lunch break is a period of its own.
    expect(closedPeriodKey(weekdays9to17, new Date('2026-11-24T11:30:00Z'))).toBe('2026-11-24T12:00');
  });

  it('rejects an unknown time zone and an interval that ends before it starts', () => {
    expect(BusinessHoursSchema.safeParse({ timeZone: 'Mars/Olympus', weekly: {} }).success).toBe(false);
    expect(
      BusinessHoursSchema.safeParse({ timeZone: 'UTC', weekly: { mon: [{ from: '17:00', to: '09:00' }] } })
        .success,
    ).toBe(false);
  });

  it('accepts 24:00 as the end of a day', () => {
    const allDay = BusinessHoursSchema.parse({
      timeZone: 'UTC',
      weekly: { sun: [{ from: '00:00', to: '24:00' }] },
    });
    expect(isWithinHours(allDay, new Date('2026-11-29T23:59:00Z'))).toBe(true);
  });
});
