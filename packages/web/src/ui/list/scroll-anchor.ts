// Keeps the row at the top of the viewport in place when rows are re-ordered above it.

/**
 * The scrollTop that keeps the first visible row of `before` at the same screen position in
 * `after` (fixed row height). At the very top the list may move, so new activity shows there —
 * unless the pointer is over the list (`holdTop`): then nothing moves under it.
 * Returns null when nothing needs to change.
 */
export function anchoredScrollTop(
  before: readonly { id: string }[],
  after: readonly { id: string }[],
  scrollTop: number,
  rowHeight: number,
  holdTop = false,
): number | null {
  if (scrollTop <= 0 && !holdTop) return null;
  const firstIndex = Math.floor(scrollTop / rowHeight);
  const anchor = before[firstIndex];
  if (!anchor) return null;
  const offset = scrollTop - firstIndex * rowHeight;
  const newIndex = after.findIndex((r) => r.id === anchor.id);
  if (newIndex < 0) return null;
  return newIndex * rowHeight + offset;
}
