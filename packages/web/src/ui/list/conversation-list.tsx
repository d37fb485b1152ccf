// The conversation list: tabs and filters over the store's lists, virtualised (fixed row height)
// so 10,000 rows scroll smoothly. When activity moves a row to the top while the agent is scrolled
// down, the rows under the viewport stay where they are (anchored by id), so nothing jumps.
import { CONVERSATION_STATUSES, type ConversationStatus, type ListQuery, type ListView } from '@parley/sync';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { conversationPath, navigate } from '../../lib/router.ts';
import { useApp } from '../../state/app-context.ts';
import { useCounts } from '../../state/inbox-counts.tsx';
import { useConversationList, useNow } from '../../state/store-hooks.ts';
import { ConversationRow, ROW_HEIGHT } from './conversation-row.tsx';
import { holdOrder } from './hold-order.ts';
import { anchoredScrollTop } from './scroll-anchor.ts';

const formatCount = (n: number) => new Intl.NumberFormat(undefined, { notation: 'compact' }).format(n);

const TABS: { view: ListView; label: string }[] = [
  { view: 'mine', label: 'Mine' },
  { view: 'unassigned', label: 'Unassigned' },
  { view: 'team', label: 'Team' },
  { view: 'all', label: 'All' },
];

export function ConversationList({
  query,
  onQuery,
  selectedId,
}: {
  query: ListQuery;
  onQuery(q: ListQuery): void;
  selectedId: string | null;
}) {
  const { store, directory } = useApp();
  const counts = useCounts();
  const { rows: liveRows, hasMore, loadMore } = useConversationList(store, query);
  // While the pointer is over the list its order holds (see hold-order.ts).
  const [heldOrder, setHeldOrder] = useState<string[] | null>(null);
  const liveRef = useRef(liveRows);
  liveRef.current = liveRows;
  const held = useMemo(() => (heldOrder ? holdOrder(heldOrder, liveRows) : null), [heldOrder, liveRows]);
  const rows = held ? held.shown : liveRows;
  const newAbove = (held?.waiting ?? 0) > 0;
  const now = useNow(30_000);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i]?.id ?? i,
  });

  const prevRows = useRef(rows);
  // Kept from scroll events: reading el.scrollTop after a commit would force a layout per update.
  const scrollTop = useRef(0);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = prevRows.current;
    prevRows.current = rows;
    if (!el || before === rows || scrollTop.current <= 0) return;
    const top = anchoredScrollTop(before, rows, scrollTop.current, ROW_HEIGHT);
    if (top !== null && top !== scrollTop.current) {
      el.scrollTop = top;
      scrollTop.current = top;
    }
  }, [rows]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 15) void loadMore();
  }, [hasMore, lastIndex, rows.length, loadMore]);

  // Keep the keyboard cursor on the open conversation when it moves.
  const selectedIndex = useMemo(() => rows.findIndex((r) => r.id === selectedId), [rows, selectedId]);
  useEffect(() => {
    if (selectedIndex >= 0) setActive(selectedIndex);
  }, [selectedIndex]);

  const onKey = (e: KeyboardEvent) => {
    let next = active;
    if (e.key === 'ArrowDown' || e.key === 'j') next = Math.min(rows.length - 1, active + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') next = Math.max(0, active - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      const row = rows[active];
      if (row) navigate(conversationPath(row.id));
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const labels = useMemo(() => {
    const names = new Set(directory.labels.items.map((l) => l.name));
    if (query.label) names.add(query.label);
    return [...names].sort();
  }, [directory.labels.items, query.label]);

  const activeId = rows[active]?.id;
  // Stable, so memoised rows re-render only when their own conversation changes.
  const open = useCallback((id: string) => navigate(conversationPath(id)), []);
  return (
    <section className="list-pane" aria-label="Conversations">
      <div className="tabs" role="tablist" aria-label="Which conversations">
        {TABS.map((t) => (
          <button
            key={t.view}
            type="button"
            role="tab"
            aria-selected={query.view === t.view}
            className="tab"
            data-view={t.view}
            onClick={() => onQuery({ ...query, view: t.view })}
          >
            {t.label}
            {counts && (
              <span className="tab-count" data-testid={`count-${t.view}`}>
                {formatCount(counts[t.view])}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="filters">
        <label className="sr-only" htmlFor="filter-status">
          Status
        </label>
        <select
          id="filter-status"
          value={query.status ?? ''}
          onChange={(e) => {
            const { status: _s, ...rest } = query;
            onQuery(e.target.value ? { ...rest, status: e.target.value as ConversationStatus } : rest);
          }}
        >
          <option value="">Any status</option>
          {CONVERSATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s[0]?.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="filter-label">
          Label
        </label>
        <select
          id="filter-label"
          value={query.label ?? ''}
          onChange={(e) => {
            const { label: _l, ...rest } = query;
            onQuery(e.target.value ? { ...rest, label: e.target.value } : rest);
          }}
          title={directory.labels.problem ?? undefined}
        >
          <option value="">Any label</option>
          {labels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        {newAbove && (
          <button
            type="button"
            className="btn btn-sm btn-primary new-above"
            onClick={() => {
              setHeldOrder(liveRef.current.map((r) => r.id));
              virtualizer.scrollToOffset(0);
            }}
          >
            ↑ New activity
          </button>
        )}
        <span className="list-count" aria-live="polite">
          {rows.length}
          {hasMore ? '+' : ''}
        </span>
      </div>
      <div
        ref={scrollRef}
        className="list-scroll"
        role="listbox"
        tabIndex={0}
        aria-label="Conversation list"
        aria-activedescendant={activeId ? `conv-${activeId}` : undefined}
        onKeyDown={onKey}
        onScroll={(e) => {
          scrollTop.current = e.currentTarget.scrollTop;
        }}
        onPointerEnter={() => setHeldOrder(liveRef.current.map((r) => r.id))}
        onPointerLeave={() => setHeldOrder(null)}
        data-testid="conversation-list"
      >
        {rows.length === 0 ? (
          <p className="list-empty">No conversations here.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((vi) => {
              const c = rows[vi.index];
              if (!c) return null;
              return (
                <ConversationRow
                  key={c.id}
                  conversation={c}
                  top={vi.start}
                  now={now}
                  selected={c.id === selectedId}
                  active={vi.index === active}
                  onOpen={open}
                />
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
