// The title badge counts the conversations the agent may answer (theirs, unassigned, their teams')
// that wait with unread customer messages; a chime and a desktop notification announce each new
// customer message among them, as the agent's preferences say.
import type { Conversation } from '@parley/sync';
import { useEffect, useRef } from 'react';
import { type AlertPrefs, playChime } from '../lib/alert-prefs.ts';
import { contactLabel } from '../lib/format.ts';
import { parseRoute } from '../lib/router.ts';
import { useApp } from '../state/app-context.ts';
import { useCounts } from '../state/inbox-counts.tsx';
import { useConversationList } from '../state/store-hooks.ts';

const ALL = { view: 'all' } as const;

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

/** Whether the agent may answer it: theirs, nobody's yet, or one of their teams'. */
export function mayAnswer(c: Conversation, me: { id: string; teamIds: readonly string[] }): boolean {
  return (
    c.assigneeId === me.id || c.assigneeId === null || (c.teamId !== null && me.teamIds.includes(c.teamId))
  );
}

export function titleFor(waiting: number | null): string {
  return waiting && waiting > 0 ? `(${waiting}) Parley` : 'Parley';
}

export function useAttention(prefs: AlertPrefs): void {
  const { store, session, directory } = useApp();
  const counts = useCounts();
  const { rows } = useConversationList(store, ALL);
  const seen = useRef<Map<string, number> | null>(null);
  const teamIds = directory.agents.items.find((a) => a.id === session.agent.id)?.teamIds ?? [];
  const prefsRef = useRef(prefs);
  prefsRef.current = prefs;

  useEffect(() => {
    document.title = titleFor(counts?.waiting ?? null);
  }, [counts?.waiting]);

  useEffect(() => {
    const prev = seen.current;
    seen.current = new Map(rows.map((c) => [c.id, c.unreadCount ?? 0]));
    if (!prev) return;
    const route = parseRoute(location.pathname);
    const openId = route.name === 'inbox' ? route.conversationId : null;
    const fresh = newlyUnread(rows, prev).filter(
      (c) => mayAnswer(c, { id: session.agent.id, teamIds }) && !(c.id === openId && !document.hidden),
    );
    if (fresh.length === 0) return;
    const { sound, desktop } = prefsRef.current;
    if (sound) playChime();
    if (!desktop || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    for (const c of fresh) {
      // The body is plain text: the Notification API never interprets markup.
      const n = new Notification(contactLabel(c.contact), { body: c.lastMessagePreview ?? '', tag: c.id });
      n.onclick = () => {
        window.focus();
        history.pushState(null, '', `/app/c/${encodeURIComponent(c.id)}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
      };
    }
  }, [rows, session.agent.id]);
}
