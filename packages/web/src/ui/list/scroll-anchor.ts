// Keeps the row at the top of the viewport in place when rows are re-ordered above it.

/**
 * The scrollTop that keeps the first visible row of `before` at the same screen position in
 * `after` (fixed row height). At the very top the list may move: new activity should show there.
 * Returns null when nothing needs to change.
 */
export function anchoredScrollTop(
  before: readonly { id: string }[],
  after: readonly { id: string }[],
  scrollTop: number,
  rowHeight: number,
): number | null {
  if (scrollTop <= 0) return null;
  const firstIndex = Math.floor(scrollTop / rowHeight);
  const anchor = before[firstIndex];
  if (!anchor) return null;
  const offset = scrollTop - firstIndex * rowHeight;
  const newIndex = after.findIndex((r) => r.id === anchor.id);
  if (newIndex < 0) return null;
  return newIndex * rowHeight + offset;
}
