import { describe, expect, it } from 'vitest';
import { contactLabel, dayLabel, initials, listTime } from './format.ts';

const NOW = new Date(2026, 2, 10, 15, 0).getTime();

describe('formatting', () => {
  it('shows a time today, "Yesterday", a weekday this week, a date before that', () => {
    expect(listTime(new Date(2026, 2, 10, 9, 5).toISOString(), NOW)).toMatch(/09.05/);
    expect(listTime(new Date(2026, 2, 9, 23, 0).toISOString(), NOW)).toBe('Yesterday');
    expect(listTime(new Date(2026, 2, 6, 12, 0).toISOString(), NOW)).not.toMatch(/\d\d.\d\d/);
    expect(listTime(new Date(2026, 0, 2, 12, 0).toISOString(), NOW)).toMatch(/2/);
    expect(listTime(null, NOW)).toBe('');
    expect(dayLabel(new Date(2026, 2, 10, 1, 0).toISOString(), NOW)).toBe('Today');
  });

  it('makes initials and a label for any contact', () => {
    expect(initials('Ana Maria Souza')).toBe('AS');
    expect(initials('')).toBe('#');
    expect(contactLabel({ name: null, phone: null, waId: '5511' })).toBe('+5511');
  });
});
