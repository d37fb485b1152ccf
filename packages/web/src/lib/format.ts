// Small presentation helpers (times, initials) kept pure for tests.

// One formatter each: toLocale*String builds a new Intl formatter per call, which costs more than
// everything else a list row does (measured in bench/dashboard.bench.ts).
const HOUR_MINUTE = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const WEEKDAY = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const DAY_MONTH = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const LONG_DAY = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

export function listTime(iso: string | null, now: number): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (sameDay(d, new Date(now))) return HOUR_MINUTE.format(d);
  if (sameDay(d, new Date(now - 86_400_000))) return 'Yesterday';
  if (now - d.getTime() < 6 * 86_400_000) return WEEKDAY.format(d);
  return DAY_MONTH.format(d);
}

export function messageTime(iso: string): string {
  return HOUR_MINUTE.format(new Date(iso));
}

export function dayLabel(iso: string, now: number): string {
  const d = new Date(iso);
  if (sameDay(d, new Date(now))) return 'Today';
  if (sameDay(d, new Date(now - 86_400_000))) return 'Yesterday';
  return LONG_DAY.format(d);
}

export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '#';
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue per id, so an avatar keeps its colour across sessions. */
export function hueOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % 360;
}

export function contactLabel(c: { name: string | null; phone: string | null; waId: string | null }): string {
  return c.name ?? c.phone ?? (c.waId ? `+${c.waId}` : 'Unknown contact');
}
