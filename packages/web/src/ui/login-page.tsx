import { type FormEvent, useState } from 'react';
import type { ApiClient } from '../lib/api-client.ts';
import { login, type Session } from '../state/session.ts';
import { FormError } from './form-error.tsx';

export function LoginPage({ api, onSignedIn }: { api: ApiClient; onSignedIn(s: Session): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await login(api, email, password);
    setBusy(false);
    if (res.ok) onSignedIn(res.session);
    else setError(res.message);
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-lg" aria-hidden="true">
          <span className="brand-mark">P</span> Parley
        </div>
        <h1 id="login-title">Sign in to your inbox</h1>
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <FormError message={error} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
