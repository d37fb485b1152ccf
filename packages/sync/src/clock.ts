// Time and scheduling as ports, so tests drive them by hand and nothing waits on a real timer.

export type TimerId = unknown;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/**
 * Runs `fn` once at the next "frame". Many calls before that frame share it; that is how a burst of
 * events becomes one recomputation of lists and one round of view notifications.
 */
export interface FrameScheduler {
  schedule(fn: () => void): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof globalThis.setTimeout>),
};

/** requestAnimationFrame where there is one (a visible tab), else a 16 ms timer (Node, hidden tab). */
export function defaultFrameScheduler(): FrameScheduler {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  return {
    schedule(fn) {
      if (raf) raf(fn);
      else globalThis.setTimeout(fn, 16);
    },
  };
}

/** Runs at once: for tests that want every change observed synchronously. */
export const immediateScheduler: FrameScheduler = { schedule: (fn) => fn() };
