// WhatsApp numbers: who answers each one (agents directly, or whole teams), and what to paste into
// Meta's app dashboard (the channel's webhook URL and its verify token).
import { type FormEvent, useState } from 'react';
import { useApp } from '../../state/app-context.ts';
import { FormError } from '../form-error.tsx';
import { MemberChecks } from './member-checks.tsx';
import { useResource } from './use-resource.ts';

export function ChannelsAdmin() {
  const { directory } = useApp();
  const { items, problem, reload, api } = useResource('channels', (a) =>
    a.run(a.http.GET('/api/v1/channels')),
  );
  const empty = { name: '', phoneNumberId: '', wabaId: '', accessToken: '', appSecret: '' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await api.run(api.http.POST('/api/v1/channels', { body: form }));
    if (res.ok) {
      setForm(empty);
      setError(null);
      reload();
    } else setError(res.message);
  };
  const setMembers = async (id: string, members: { agentIds: string[]; teamIds: string[] }) => {
    const res = await api.run(
      api.http.PUT('/api/v1/channels/{id}/members', { params: { path: { id } }, body: members }),
    );
    setError(res.ok ? null : res.message);
    reload();
  };
  const field = (k: keyof typeof empty, label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type}
        required={k !== 'name'}
        value={form[k]}
        autoComplete="off"
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
      />
    </label>
  );
  const people = directory.agents.items.filter((a) => a.role !== 'bot');
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Channels</h1>
      {problem && <p className="banner banner-warn">{problem}</p>}
      {!problem && (
        <form className="admin-form" onSubmit={submit}>
          {field('name', 'Name')}
          {field('phoneNumberId', 'Phone number id')}
          {field('wabaId', 'WhatsApp Business Account id')}
          {field('accessToken', 'Access token', 'password')}
          {field('appSecret', 'App secret', 'password')}
          <button type="submit" className="btn btn-primary">
            Add number
          </button>
        </form>
      )}
      <FormError message={error} />
      {(items ?? []).map((ch) => (
        <div key={ch.id} className="channel-card" data-testid="channel-card">
          <h3>{ch.name || ch.displayPhoneNumber || ch.phoneNumberId}</h3>
          <dl className="facts">
            <dt>Phone number id</dt>
            <dd className="mono">{ch.phoneNumberId}</dd>
            <dt>Webhook URL</dt>
            <dd className="mono copy">{ch.webhookUrl}</dd>
            <dt>Verify token</dt>
            <dd className="mono copy">{ch.verifyToken ?? '—'}</dd>
          </dl>
          <p className="muted small">
            Paste this pair into Meta's app (WhatsApp → Configuration). The app-wide URL{' '}
            <code>/webhooks/whatsapp</code> with the app-wide verify token, printed at the first start, works
            for every number too.
          </p>
          <div className="member-grid">
            <MemberChecks
              legend="Agents who answer it"
              options={people}
              chosen={ch.memberAgentIds}
              onChange={(agentIds) => void setMembers(ch.id, { agentIds, teamIds: ch.memberTeamIds })}
            />
            <MemberChecks
              legend="Teams who answer it"
              options={directory.teams.items}
              chosen={ch.memberTeamIds}
              onChange={(teamIds) => void setMembers(ch.id, { agentIds: ch.memberAgentIds, teamIds })}
            />
          </div>
        </div>
      ))}
    </section>
  );
}
