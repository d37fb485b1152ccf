// When to try a failing receiver again: quickly at first (a deploy, a blip), then ever more slowly,
// and no slower than every 30 minutes, so a receiver that is back is found within half an hour
// for as long as deliveries are kept (GIVE_UP_AFTER_MS).
const STEPS_MS = [5_000, 15_000, 60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000];

/** Deliveries still undelivered this long after their event are marked failed (replayable). */
export const GIVE_UP_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

/** Milliseconds to wait after the `failures`-th consecutive failure (1-based), with ±10 % jitter. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = STEPS_MS[Math.min(Math.max(failures, 1), STEPS_MS.length) - 1]!;
  return Math.round(base * (0.9 + 0.2 * random()));
}
