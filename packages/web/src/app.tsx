// The page: find out who is signed in, then show the login or the signed-in shell.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiClient } from './lib/api-client.ts';
import { navigate } from './lib/router.ts';
import { loadSession, type Session } from './state/session.ts';
import { LoginPage } from './ui/login-page.tsx';
import { SignedIn } from './ui/signed-in.tsx';

export function App() {
  const csrf = useRef<string | null>(null);
  const api = useMemo(() => new ApiClient(() => csrf.current), []);
  const [session, setSession] = useState<Session | null | 'loading'>('loading');

  useEffect(() => {
    if (location.pathname === '/' || location.pathname === '') navigate('/app', { replace: true });
    void loadSession(api).then(setSession);
  }, [api]);

  const signOut = useCallback(() => {
    csrf.current = null;
    setSession(null);
  }, []);
  const signIn = (s: Session) => {
    csrf.current = s.csrfToken;
    setSession(s);
    if (location.pathname.startsWith('/app/login')) navigate('/app', { replace: true });
  };
  if (session !== 'loading' && session !== null) csrf.current = session.csrfToken;

  if (session === 'loading')
    return (
      <div className="boot" role="status">
        Loading Parley…
      </div>
    );
  if (session === null) return <LoginPage api={api} onSignedIn={signIn} />;
  return <SignedIn key={session.agent.id} session={session} api={api} onSignedOut={signOut} />;
}
