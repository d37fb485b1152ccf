import { type FormEvent, useState } from 'react';
import { useApp } from '../../state/app-context.ts';
import { FormError } from '../form-error.tsx';
import { MemberChecks } from './member-checks.tsx';
import { useResource } from './use-resource.ts';

type Role = 'agent' | 'admin';
const EMPTY = {
  name: '',
  email: '',
  role: 'agent' as Role,
  channelIds: [] as string[],
  teamIds: [] as string[],
};

export function AgentsAdmin() {
  const { directory } = useApp();
  const { items, problem, reload, api } = useResource('agents', (a) => a.run(a.http.GET('/api/v1/agents')));
  const channels = useResource('channels', (a) => a.run(a.http.GET('/api/v1/channels')));
  const [form, setForm] = useState(EMPTY);
  const [msg, setMsg] = useState<{ error?: string; password?: string; name?: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await api.run(api.http.POST('/api/v1/agents', { body: form }));
    if (res.ok) {
      setForm(EMPTY);
      setMsg(res.data.password ? { password: res.data.password, name: res.data.agent.name } : null);
      reload();
    } else setMsg({ error: res.message });
  };
  const setRole = async (id: string, role: Role) => {
    const res = await api.run(
      api.http.PATCH('/api/v1/agents/{id}', { params: { path: { id } }, body: { role } }),
    );
    if (!res.ok) setMsg({ error: res.message });
    reload();
  };
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Agents</h1>
      {problem && <p className="banner banner-warn">{problem}</p>}
      <form className="admin-form admin-form-wide" onSubmit={submit} aria-label="Invite an agent">
        <label>
          Name
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Email
          <input
            required
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <MemberChecks
          legend="Channels they answer"
          options={(channels.items ?? []).map((c) => ({ id: c.id, name: c.name }))}
          chosen={form.channelIds}
          onChange={(channelIds) => setForm({ ...form, channelIds })}
        />
        <MemberChecks
          legend="Teams they join"
          options={directory.teams.items}
          chosen={form.teamIds}
          onChange={(teamIds) => setForm({ ...form, teamIds })}
        />
        <button type="submit" className="btn btn-primary">
          Invite agent
        </button>
      </form>
      <FormError message={msg?.error} />
      {msg?.password && (
        <p className="banner banner-info" role="status">
          {msg.name} can sign in now. Their first password (shown once): <code>{msg.password}</code>
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Availability</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((a) => (
            <tr key={a.id} className={a.disabled ? 'muted' : ''}>
              <td>{a.name}</td>
              <td className="mono">{a.email}</td>
              <td>
                {a.role === 'owner' || a.role === 'bot' ? (
                  a.role === 'owner' ? (
                    'Owner'
                  ) : (
                    'Bot'
                  )
                ) : (
                  <select
                    aria-label={`Role of ${a.name}`}
                    value={a.role}
                    onChange={(e) => void setRole(a.id, e.target.value as Role)}
                  >
                    <option value="agent">Agent</option>
                    <option value="admin">Admin</option>
                  </select>
                )}
              </td>
              <td>{a.disabled ? 'disabled' : a.availability}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
