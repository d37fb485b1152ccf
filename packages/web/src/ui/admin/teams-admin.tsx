import { type FormEvent, useState } from 'react';
import { useApp } from '../../state/app-context.ts';
import { FormError } from '../form-error.tsx';
import { MemberChecks } from './member-checks.tsx';
import { useResource } from './use-resource.ts';

export function TeamsAdmin() {
  const { directory } = useApp();
  const { items, problem, reload, api } = useResource('teams', (a) => a.run(a.http.GET('/api/v1/teams')));
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await api.run(api.http.POST('/api/v1/teams', { body: { name, memberIds: [] } }));
    if (res.ok) {
      setName('');
      setError(null);
      reload();
    } else setError(res.message);
  };
  const setMembers = async (id: string, agentIds: string[]) => {
    const res = await api.run(
      api.http.PUT('/api/v1/teams/{id}/members', { params: { path: { id } }, body: { agentIds } }),
    );
    setError(res.ok ? null : res.message);
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
        <div key={t.id} className="team-card" data-testid="team-card">
          <MemberChecks
            legend={t.name}
            options={directory.agents.items.filter((a) => a.role !== 'bot')}
            chosen={t.memberIds}
            onChange={(ids) => void setMembers(t.id, ids)}
          />
        </div>
      ))}
    </section>
  );
}
