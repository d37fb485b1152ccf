import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';
import { signDelivery, verifyDelivery } from './signature.ts';

describe('delivery signatures', () => {
  const body = '{"event":"note.created"}';
  it('verifies what was signed, and nothing else', () => {
    const h = signDelivery('whsec_x', 1_800_000_000, body);
    expect(h).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyDelivery('whsec_x', h, body, { now: 1_800_000_010 })).toBe(true);
    expect(verifyDelivery('whsec_y', h, body, { now: 1_800_000_010 })).toBe(false);
    expect(verifyDelivery('whsec_x', h, `${body} `, { now: 1_800_000_010 })).toBe(false);
    expect(
      verifyDelivery('whsec_x', h.replace('t=1800000000', 't=1800000001'), body, { now: 1_800_000_010 }),
    ).toBe(false);
    expect(verifyDelivery('whsec_x', 'garbage', body)).toBe(false);
  });
  it('refuses an old signature (a replayed request)', () => {
    const h = signDelivery('whsec_x', 1_800_000_000, body);
    expect(verifyDelivery('whsec_x', h, body, { now: 1_800_000_000 + 301 })).toBe(false);
  });
});

describe('receiver back-off', () => {
  it('grows from seconds to half an hour and stays there', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => retryDelayMs(n, mid))).toEqual([
      5_000, 15_000, 60_000, 300_000, 900_000, 1_800_000, 1_800_000, 1_800_000,
    ]);
    expect(retryDelayMs(1, () => 0)).toBe(4_500);
    expect(retryDelayMs(1, () => 1)).toBe(5_500);
  });
});
