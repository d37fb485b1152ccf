import { describe, expect, it } from 'vitest';
import { parseDelay, parseDuration, parseShare } from './cli-values.ts';

describe('CLI value parsers', () => {
  it('reads durations with units, bare numbers as seconds', () => {
    expect(parseDuration('500ms', '--x')).toBe(500);
    expect(parseDuration('30s', '--x')).toBe(30_000);
    expect(parseDuration('2m', '--x')).toBe(120_000);
    expect(parseDuration('24h', '--x')).toBe(86_400_000);
    expect(parseDuration('1.5', '--x')).toBe(1500);
    expect(() => parseDuration('soon', '--duration')).toThrow(/--duration takes a duration/);
  });

  it('reads delay ranges', () => {
    expect(parseDelay('0-200ms', '--delay')).toEqual({ min: 0, max: 200 });
    expect(parseDelay('1-2s', '--delay')).toEqual({ min: 1000, max: 2000 });
    expect(parseDelay('50ms', '--delay')).toBe(50);
  });

  it('reads shares as fractions or percentages', () => {
    expect(parseShare('0.1', '--duplicate')).toBe(0.1);
    expect(parseShare('25%', '--duplicate')).toBe(0.25);
    expect(() => parseShare('2', '--duplicate')).toThrow(/between 0 and 1/);
  });
});
