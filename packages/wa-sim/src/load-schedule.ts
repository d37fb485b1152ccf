// Open-loop scheduling: send i of a stream is due at start + i / rate, whatever happened to the
// sends before it. Latency is then measured from that intended time, so a stalled server shows up
// as latency instead of silently slowing the generator (coordinated omission).

export interface Stream {
  /** Requests a second. */
  rate: number;
  /** Offset of the stream's first send from the run start, ms. */
  startMs: number;
  /** How long the stream runs, ms. */
  durationMs: number;
}

export function streamTotal(stream: Stream): number {
  return Math.floor((stream.rate * stream.durationMs) / 1000);
}

/** Number of sends of `stream` due by `elapsedMs` into the run. */
export function dueCount(stream: Stream, elapsedMs: number): number {
  const into = elapsedMs - stream.startMs;
  if (into < 0) return 0;
  return Math.min(streamTotal(stream), Math.floor((into * stream.rate) / 1000) + 1);
}

/** Intended send time (ms into the run) of send `index` of `stream`. */
export function intendedAt(stream: Stream, index: number): number {
  return stream.startMs + (index * 1000) / stream.rate;
}
