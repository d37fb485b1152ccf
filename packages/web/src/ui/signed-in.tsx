// The signed-in shell: owns the sync store for this agent, the directory, and the screen layout.
import type { ListQuery, SyncStore } from '@parley/sync';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { type AlertPrefs, loadAlertPrefs, saveAlertPrefs } from '../lib/alert-prefs.ts';
import type { ApiClient } from '../lib/api-client.ts';
import { FIRST_QUERY, savedQuery, saveQuery } from '../lib/list-query.ts';
import { parseRoute, usePath } from '../lib/router.ts';
import { AppContext, type AppContextValue } from '../state/app-context.ts';
import { createAgentStore } from '../state/create-store.ts';
import { useDirectory } from '../state/directory.ts';
import { CountsProvider } from '../state/inbox-counts.tsx';
import type { Session } from '../state/session.ts';
import { HeaderBar } from './header-bar.tsx';
import { Inbox } from './inbox.tsx';
import { useAttention } from './use-attention.ts';

// Settings are for admins and rarely open: their code loads on first visit.
const AdminPage = lazy(() => import('./admin/admin-page.tsx').then((m) => ({ default: m.AdminPage })));

export function SignedIn({
  session,
  api,
  onSignedOut,
}: {
  session: Session;
  api: ApiClient;
  onSignedOut(): void;
}) {
  const [store, setStore] = useState<SyncStore | null>(null);
  useEffect(() => {
    let s: SyncStore | null = null;
    let live = true;
    void api
      .run(api.http.GET('/api/v1/agents/{id}', { params: { path: { id: session.agent.id } } }))
      .then((res) => {
        if (!live) return;
        s = createAgentStore(session, res.ok ? (res.data.teamIds ?? []) : [], onSignedOut);
        setStore(s);
        void s.start();
      });
    return () => {
      live = false;
      s?.stop();
    };
  }, [api, session, onSignedOut]);
  const directory = useDirectory(api);

  const value = useMemo<AppContextValue | null>(
    () =>
      store && {
        session,
        store,
        api,
        directory,
        logout: () => {
          void api.run(api.http.POST('/api/v1/auth/logout')).finally(onSignedOut);
        },
      },
    [store, session, api, directory, onSignedOut],
  );
  if (!value)
    return (
      <div className="boot" role="status">
        Connecting…
      </div>
    );
  return (
    <AppContext.Provider value={value}>
      <Shell />
    </AppContext.Provider>
  );
}

function Shell() {
  const route = parseRoute(usePath());
  const [alerts, setAlerts] = useState(loadAlertPrefs);
  const changeAlerts = (p: AlertPrefs) => {
    setAlerts(p);
    saveAlertPrefs(p);
  };
  const [saved] = useState(savedQuery);
  const [query, setQuery] = useState<ListQuery>(saved ?? FIRST_QUERY);
  // The agent's own choice is kept; the automatic first placement is not (it follows the work).
  const changeQuery = useCallback((q: ListQuery, byAgent = true) => {
    setQuery(q);
    if (byAgent) saveQuery(q);
  }, []);
  return (
    <CountsProvider status={query.status ?? 'any'}>
      <Attention prefs={alerts} />
      <div className="shell">
        <HeaderBar alerts={alerts} onAlerts={changeAlerts} />
        {route.name === 'admin' ? (
          <Suspense fallback={<div className="boot">Loading settings…</div>}>
            <AdminPage section={route.section} />
          </Suspense>
        ) : (
          <Inbox
            conversationId={route.name === 'inbox' ? route.conversationId : null}
            query={query}
            onQuery={changeQuery}
            chosen={saved !== null}
          />
        )}
      </div>
    </CountsProvider>
  );
}

/** Inside the counts provider: the title badge reads them. */
function Attention({ prefs }: { prefs: AlertPrefs }) {
  useAttention(prefs);
  return null;
}
