// A clock that moves only when the test says so.
import type { Clock, FrameScheduler, TimerId } from '../src/clock.ts';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class VirtualClock implements Clock {
  private t = 0;
  private nextId = 1;
  private timers: Timer[] = [];

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.timers = this.timers.filter((x) => x.id !== id);
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in time order (and those they schedule). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }

  /** Jumps time without firing anything (a machine asleep), for standby tests. */
  jump(ms: number): void {
    this.t += ms;
  }
}

/** Frames run only when the test flushes them. */
export class ManualFrames implements FrameScheduler {
  private queue: (() => void)[] = [];
  schedule(fn: () => void): void {
    this.queue.push(fn);
  }
  get pending(): number {
    return this.queue.length;
  }
  run(): void {
    const q = this.queue;
    this.queue = [];
    for (const fn of q) fn();
  }
}
