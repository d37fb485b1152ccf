// The thread, virtualised with measured row heights. Three scroll rules: pinned to the bottom while
// the agent is there; older pages load on scroll up without moving what is on screen; new rows
// while scrolled up leave the view alone and raise a "new messages" pill.
import type { ThreadSnapshot } from '@parley/sync';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { dayLabel } from '../../lib/format.ts';
import { MessageBubble } from './message-bubble.tsx';
import { buildThreadRows, stabiliseRows, type ThreadRow } from './thread-rows.ts';

const NEAR_BOTTOM_PX = 60;
const LOAD_OLDER_PX = 400;

export function ThreadMessages({ snap, loadOlder }: { snap: ThreadSnapshot; loadOlder(): Promise<void> }) {
  const stable = useRef<readonly ThreadRow[]>([]);
  const rows = useMemo(() => {
    stable.current = stabiliseRows(buildThreadRows(snap.items), stable.current);
    return stable.current;
  }, [snap.items]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const loadingOlder = useRef(false);
  const [unseen, setUnseen] = useState(0);
  const now = Date.now();

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'day' ? 40 : 76),
    overscan: 10,
    getItemKey: (i) => rows[i]?.key ?? i,
  });

  // What was at the top of the view, to keep it there when older rows arrive above it.
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const prev = useRef(rows);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = prev.current;
    prev.current = rows;
    if (!el || before === rows || before.length === 0) return;
    const firstChanged = before[0]?.key !== rows[0]?.key;
    const lastChanged = before.at(-1)?.key !== rows.at(-1)?.key;
    if (firstChanged && anchor.current && !pinned.current) {
      const idx = rows.findIndex((r) => r.key === anchor.current?.key);
      const m = virtualizer.measurementsCache[idx];
      if (m) {
        el.scrollTop = m.start - anchor.current.offset;
      }
    }
    if (lastChanged && !pinned.current) {
      const oldLast = before.at(-1)?.key;
      const at = rows.findIndex((r) => r.key === oldLast);
      const fresh = at >= 0 ? rows.slice(at + 1) : rows.slice(-1);
      // The agent's own send brings them down to it; others' messages raise the pill.
      if (fresh.some((r) => r.kind === 'item' && r.item.itemType === 'message' && r.item.optimistic)) {
        pinned.current = true;
        setUnseen(0);
      } else {
        const added = fresh.filter((r) => r.kind === 'item').length;
        if (added > 0) setUnseen((n) => n + added);
      }
    }
  }, [rows, virtualizer]);

  // Pinned: stay at the bottom whenever the content grows (new rows, measured heights). Only when
  // the size changed: writing scrollTop forces a layout, and this runs on every render.
  const total = virtualizer.getTotalSize();
  const pinnedAt = useRef(-1);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !pinned.current || pinnedAt.current === total) return;
    pinnedAt.current = total;
    el.scrollTop = el.scrollHeight;
  });

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (pinned.current) setUnseen(0);
    const first = virtualizer.getVirtualItems().find((v) => v.end > el.scrollTop);
    const row = first ? rows[first.index] : undefined;
    anchor.current = first && row ? { key: row.key, offset: first.start - el.scrollTop } : null;
    if (el.scrollTop < LOAD_OLDER_PX && snap.hasOlder && !loadingOlder.current) {
      loadingOlder.current = true;
      void loadOlder().finally(() => {
        loadingOlder.current = false;
      });
    }
  }, [virtualizer, rows, snap.hasOlder, loadOlder]);

  const toBottom = () => {
    pinned.current = true;
    pinnedAt.current = -1;
    setUnseen(0);
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  };

  return (
    <div className="thread-scroll-wrap">
      <div
        ref={scrollRef}
        className="thread-scroll"
        onScroll={onScroll}
        role="log"
        aria-label="Messages"
        aria-live="polite"
        tabIndex={-1}
        data-testid="thread"
      >
        {snap.hasOlder && <div className="older-hint">Scroll up for older messages</div>}
        {snap.status === 'loading' && rows.length === 0 && <p className="thread-note">Loading messages…</p>}
        {snap.status === 'ready' && rows.length === 0 && <p className="thread-note">No messages yet.</p>}
        <div style={{ height: total, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((vi) => {
            const r = rows[vi.index];
            if (!r) return null;
            return (
              <div
                key={vi.key}
                data-index={vi.index}
                ref={virtualizer.measureElement}
                className="thread-row"
                style={{ transform: `translateY(${vi.start}px)` }}
              >
                {r.kind === 'day' ? (
                  <div className="day-sep">
                    <span>{dayLabel(r.iso, now)}</span>
                  </div>
                ) : (
                  <MessageBubble item={r.item} reactions={r.reactions} quoted={r.quoted} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      {unseen > 0 && (
        <button type="button" className="pill" onClick={toBottom}>
          {unseen} new message{unseen === 1 ? '' : 's'} ↓
        </button>
      )}
    </div>
  );
}
