// Pure parsers for CLI flag values; each throws a sentence a person can act on.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "500ms", "30s", "2m", "24h"; a bare number means seconds. Returns milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`${flag} takes a duration like 500ms, 30s, 2m or 24h; got "${text}".`);
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1000));
}

/** "0-200ms" or "50ms": a fixed delay or a uniform range, in milliseconds. */
export function parseDelay(text: string, flag: string): number | { min: number; max: number } {
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!range) return parseDuration(text, flag);
  const unit = range[3] ?? 'ms';
  const min = parseDuration(`${range[1]}${unit}`, flag);
  const max = parseDuration(`${range[2]}${unit}`, flag);
  if (max < min) throw new Error(`${flag}: the range ${text} ends before it starts.`);
  return { min, max };
}

export function parseShare(text: string, flag: string): number {
  const value = text.trim().endsWith('%') ? Number(text.trim().slice(0, -1)) / 100 : Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new Error(`${flag} takes a share between 0 and 1 (or a percentage like 10%); got "${text}".`);
  return value;
}

export function parsePositive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${flag} takes a positive number; got "${text}".`);
  return value;
}
