// Scoped subscriptions. A view listens to one key (`conv:<id>`, `thread:<id>`, `list:<n>`, …);
// changes only mark keys dirty, and one flush per frame recomputes derived data (sorted lists,
// counts) and calls each affected listener once. A burst of 500 events is one re-render per view.
import type { FrameScheduler } from './clock.ts';

export type Listener = () => void;

/** Called at flush time with the keys changed since the last one; returns more keys it changed. */
export type Deriver = (dirty: ReadonlySet<string>) => Iterable<string>;

export const ANY_KEY = '*';

export class Notifier {
  private readonly listeners = new Map<string, Set<Listener>>();
  private dirty = new Set<string>();
  private scheduled = false;
  private readonly derivers: Deriver[] = [];

  constructor(private readonly scheduler: FrameScheduler) {}

  addDeriver(d: Deriver): void {
    this.derivers.push(d);
  }

  touch(key: string): void {
    this.dirty.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler.schedule(() => this.flush());
  }

  subscribe(key: string, fn: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Runs the pending flush now (tests, and `whenIdle`). */
  flush(): void {
    this.scheduled = false;
    if (this.dirty.size === 0) return;
    const dirty = this.dirty;
    this.dirty = new Set();
    for (const d of this.derivers) for (const k of d(dirty)) dirty.add(k);
    const called = new Set<Listener>();
    for (const key of [...dirty, ANY_KEY]) {
      for (const fn of this.listeners.get(key) ?? []) {
        if (called.has(fn)) continue;
        called.add(fn);
        fn();
      }
    }
  }
}
