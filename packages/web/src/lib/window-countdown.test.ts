import { describe, expect, it } from 'vitest';
import { windowState } from './window-countdown.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('the 24-hour window', () => {
  it('is open with hours left while the expiry is more than an hour away', () => {
    const w = windowState('2026-03-02T08:30:00Z', NOW);
    expect(w).toMatchObject({ open: true, label: '20h left', urgent: false, reason: null });
  });

  it('counts minutes and is urgent in the last hour', () => {
    expect(windowState('2026-03-01T12:25:00Z', NOW)).toMatchObject({
      open: true,
      label: '25m left',
      urgent: true,
    });
  });

  it('is closed at and after the expiry, with a reason for the composer', () => {
    const w = windowState('2026-03-01T12:00:00Z', NOW);
    expect(w.open).toBe(false);
    expect(w.label).toBe('closed');
    expect(w.reason).toMatch(/template/);
  });

  it('is closed when the customer never wrote', () => {
    expect(windowState(null, NOW)).toMatchObject({ open: false, label: 'no window' });
  });
});
