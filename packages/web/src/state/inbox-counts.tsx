// The counts on the list's tabs and in the title (GET /api/v1/conversations/counts), refreshed a
// moment after the store shows activity: the store holds only the pages it loaded, the server
// counts every conversation the agent sees.
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { Answered } from '../lib/api-client.ts';
import { useApp } from './app-context.ts';
import { useConversationList } from './store-hooks.ts';

export type InboxCounts = Answered<'/api/v1/conversations/counts', 'get'>;
export type CountedStatus = 'open' | 'pending' | 'snoozed' | 'resolved' | 'any';

const CountsContext = createContext<InboxCounts | null>(null);
const ALL = { view: 'all' } as const;
/** Activity comes in bursts; one count per quiet moment is enough. */
const SETTLE_MS = 600;

export function CountsProvider({ status, children }: { status: CountedStatus; children: ReactNode }) {
  const { api, store } = useApp();
  const { rows } = useConversationList(store, ALL);
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () => {
        void api
          .run(api.http.GET('/api/v1/conversations/counts', { params: { query: { status } } }))
          .then((r) => {
            if (live && r.ok) setCounts(r.data);
          });
      },
      rows.length === 0 ? 0 : SETTLE_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, status, rows]);
  return <CountsContext.Provider value={counts}>{children}</CountsContext.Provider>;
}

/** Null until the first answer (and outside the provider). */
export function useCounts(): InboxCounts | null {
  return useContext(CountsContext);
}
