import { useState } from 'react';
import type { AlertPrefs } from '../lib/alert-prefs.ts';
import { initials } from '../lib/format.ts';
import { navigate, parseRoute, usePath } from '../lib/router.ts';
import { useApp } from '../state/app-context.ts';
import { type Availability, isAdmin } from '../state/session.ts';
import { AlertSettings } from './alert-settings.tsx';
import { ConnectionIndicator } from './connection-indicator.tsx';

export function HeaderBar({ alerts, onAlerts }: { alerts: AlertPrefs; onAlerts(p: AlertPrefs): void }) {
  const { session, logout } = useApp();
  const route = parseRoute(usePath());
  const me = session.agent;
  return (
    <header className="topbar">
      <a
        className="brand"
        href="/app"
        onClick={(e) => {
          e.preventDefault();
          navigate('/app');
        }}
      >
        <span className="brand-mark" aria-hidden="true">
          P
        </span>
        Parley
      </a>
      <nav className="topnav" aria-label="Main">
        <a
          href="/app"
          aria-current={route.name === 'inbox' ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate('/app');
          }}
        >
          Inbox
        </a>
        {isAdmin(me) && (
          <a
            href="/app/admin/agents"
            aria-current={route.name === 'admin' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/app/admin/agents');
            }}
          >
            Settings
          </a>
        )}
      </nav>
      <div className="topbar-right">
        <ConnectionIndicator />
        <AlertSettings prefs={alerts} onChange={onAlerts} />
        <PresenceSwitch />
        <span className="me" title={me.email}>
          <span className="avatar avatar-sm" aria-hidden="true">
            {initials(me.name)}
          </span>
          <span className="me-name" data-testid="agent-name">
            {me.name}
          </span>
        </span>
        <button type="button" className="btn btn-ghost btn-sm" onClick={logout}>
          Sign out
        </button>
      </div>
    </header>
  );
}

function PresenceSwitch() {
  const { session, api } = useApp();
  const [value, setValue] = useState<Availability>(session.agent.availability === 'away' ? 'away' : 'online');
  const [problem, setProblem] = useState<string | null>(null);
  const set = async (next: Availability) => {
    const prev = value;
    setValue(next);
    const res = await api.run(api.http.PUT('/api/v1/me/availability', { body: { availability: next } }));
    if (!res.ok) {
      setValue(prev);
      setProblem(res.message);
    } else setProblem(null);
  };
  const away = value === 'away';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={!away}
      className={`presence ${away ? 'presence-away' : 'presence-online'}`}
      onClick={() => void set(away ? 'online' : 'away')}
      title={problem ?? (away ? 'Away: not receiving new assignments' : 'Online: receiving assignments')}
      data-problem={problem ? 'true' : undefined}
    >
      <span className="presence-dot" aria-hidden="true" />
      {away ? 'Away' : 'Online'}
    </button>
  );
}
