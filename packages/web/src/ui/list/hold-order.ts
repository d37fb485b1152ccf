// While the agent's pointer is over the list, rows keep the order they had when it arrived, so the
// row under the pointer is the row they are about to click. Changes still show in place (a new
// preview, an unread badge); only the order waits. Rows that come later in the order than every
// held row (older pages loading as the agent scrolls) join at the end at once.

export interface Held<T> {
  shown: T[];
  /** Rows, or moves, waiting for the agent to let go (or press "New activity"). */
  waiting: number;
}

export function holdOrder<T extends { id: string }>(order: readonly string[], rows: readonly T[]): Held<T> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const shown: T[] = [];
  for (const id of order) {
    const r = byId.get(id);
    if (r) shown.push(r);
  }
  const held = new Set(order);
  let lastHeld = -1;
  rows.forEach((r, i) => {
    if (held.has(r.id)) lastHeld = i;
  });
  let waiting = 0;
  rows.forEach((r, i) => {
    if (held.has(r.id)) return;
    if (i > lastHeld) shown.push(r);
    else waiting += 1;
  });
  // A held row that the live order moved up also counts as news.
  const live = rows.filter((r) => held.has(r.id));
  const frozen = shown.filter((r) => held.has(r.id));
  if (live.some((r, i) => r !== frozen[i] && r.id !== frozen[i]?.id)) waiting += 1;
  return { shown, waiting };
}
