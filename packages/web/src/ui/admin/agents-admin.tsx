import { type FormEvent, useState } from 'react';
import type { DirAgent } from '../../state/directory.ts';
import { FormError } from '../form-error.tsx';
import { useResource } from './use-resource.ts';

export function AgentsAdmin() {
  const { items, problem, reload, api } = useResource<DirAgent>('/api/v1/agents', 'agents');
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' });
  const [msg, setMsg] = useState<{ error?: string; password?: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await api.call<{ password: string | null }>('POST', '/api/v1/agents', form);
    if (res.ok) {
      setForm({ name: '', email: '', role: 'agent' });
      setMsg(res.data.password ? { password: res.data.password } : null);
      reload();
    } else setMsg({ error: res.message });
  };
  const setRole = async (a: DirAgent, role: string) => {
    const res = await api.call('PATCH', `/api/v1/agents/${a.id}`, { role });
    if (!res.ok) setMsg({ error: res.message });
    reload();
  };
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Agents</h1>
      {problem && <p className="banner banner-warn">{problem}</p>}
      <form className="admin-form" onSubmit={submit}>
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
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary">
          Invite agent
        </button>
      </form>
      <FormError message={msg?.error} />
      {msg?.password && (
        <p className="banner banner-info" role="status">
          Agent created. Their first password (shown once): <code>{msg.password}</code>
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
                {a.role === 'owner' ? (
                  'Owner'
                ) : (
                  <select
                    aria-label={`Role of ${a.name}`}
                    value={a.role}
                    onChange={(e) => void setRole(a, e.target.value)}
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
