/**
 * Appends and drops the oldest entries beyond `limit`, so a long-running `wa-sim serve` (demo,
 * staging, benchmarks) keeps what tests look at without growing forever.
 */
export function appendBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}

/** Default number of entries kept per history (accepted sends, calls, reads, webhook deliveries). */
export const DEFAULT_HISTORY_LIMIT = 50_000;
