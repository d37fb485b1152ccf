// Title badge and desktop notification for new customer messages in conversations assigned to me.
import type { Conversation } from '@parley/sync';
import { useEffect, useRef } from 'react';
import { contactLabel } from '../lib/format.ts';
import { parseRoute } from '../lib/router.ts';
import { useApp } from '../state/app-context.ts';
import { useConversationList } from '../state/store-hooks.ts';

const MINE = { view: 'mine' } as const;

export function unreadTotal(rows: readonly Conversation[]): number {
  let n = 0;
  for (const c of rows) n += c.unreadCount ?? 0;
  return n;
}

/** Conversations whose unread count grew since `prev` (id → count). */
export function newlyUnread(
  rows: readonly Conversation[],
  prev: ReadonlyMap<string, number>,
): Conversation[] {
  return rows.filter((c) => (c.unreadCount ?? 0) > (prev.get(c.id) ?? 0));
}

export function useAttentionBadge(): void {
  const { store } = useApp();
  const { rows } = useConversationList(store, MINE);
  const seen = useRef<Map<string, number> | null>(null);
  useEffect(() => {
    const total = unreadTotal(rows);
    document.title = total > 0 ? `(${total}) Parley` : 'Parley';
    const prev = seen.current;
    seen.current = new Map(rows.map((c) => [c.id, c.unreadCount ?? 0]));
    if (!prev || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const route = parseRoute(location.pathname);
    const openId = route.name === 'inbox' ? route.conversationId : null;
    for (const c of newlyUnread(rows, prev)) {
      if (c.id === openId && !document.hidden) continue;
      // The body is plain text: the Notification API never interprets markup.
      const n = new Notification(contactLabel(c.contact), { body: c.lastMessagePreview ?? '', tag: c.id });
      n.onclick = () => {
        window.focus();
        history.pushState(null, '', `/app/c/${encodeURIComponent(c.id)}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
      };
    }
  }, [rows]);
}
