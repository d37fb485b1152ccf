// Waiting in tests for something another process or loop makes true: Vitest's vi.waitFor, with
// the thing waited for named when it never comes. The one polling helper of the suites.
import { vi } from 'vitest';

type Maybe<T> = T | null | undefined | false;

/**
 * Calls `probe` until it gives a value (anything but null, undefined or false) and returns that
 * value. A probe that throws is tried again; after `timeoutMs` the last reason fails the test.
 */
export function eventually<T>(
  what: string,
  probe: () => Maybe<T> | Promise<Maybe<T>>,
  timeoutMs = 20_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const v = await probe();
      if (v === null || v === undefined || v === false)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      return v;
    },
    { timeout: timeoutMs, interval: 25 },
  );
}
