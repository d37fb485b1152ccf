import { type FormEvent, useState } from 'react';
import { useApp } from '../../state/app-context.ts';
import type { DirTeam } from '../../state/directory.ts';
import { FormError } from '../form-error.tsx';
import { useResource } from './use-resource.ts';

export function TeamsAdmin() {
  const { directory } = useApp();
  const { items, problem, reload, api } = useResource<DirTeam>('/api/v1/teams', 'teams');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await api.call('POST', '/api/v1/teams', { name, memberIds: [] });
    if (res.ok) {
      setName('');
      reload();
    } else setError(res.message);
  };
  const toggle = async (t: DirTeam, agentId: string) => {
    const memberIds = t.memberIds.includes(agentId)
      ? t.memberIds.filter((m) => m !== agentId)
      : [...t.memberIds, agentId];
    const res = await api.call('PUT', `/api/v1/teams/${t.id}/members`, { memberIds });
    if (!res.ok) setError(res.message);
    reload();
  };
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Teams</h1>
      {problem && <p className="banner banner-warn">{problem}</p>}
      <form className="admin-form" onSubmit={submit}>
        <label>
          Team name
          <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="Support" />
        </label>
        <button type="submit" className="btn btn-primary">
          Create team
        </button>
      </form>
      <FormError message={error} />
      {(items ?? []).map((t) => (
        <fieldset key={t.id} className="team-card">
          <legend>{t.name}</legend>
          {directory.agents.items.map((a) => (
            <label key={a.id} className="check">
              <input
                type="checkbox"
                checked={t.memberIds.includes(a.id)}
                onChange={() => void toggle(t, a.id)}
              />
              {a.name}
            </label>
          ))}
        </fieldset>
      ))}
    </section>
  );
}
