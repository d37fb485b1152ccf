// WhatsApp numbers. Shows what to paste into Meta's app dashboard: the per-channel webhook URL and
// its verify token.
import { type FormEvent, useState } from 'react';
import { FormError } from '../form-error.tsx';
import { useResource } from './use-resource.ts';

interface Channel {
  id: string;
  name?: string | null;
  phoneNumberId: string;
  displayPhoneNumber?: string | null;
  wabaId?: string | null;
  verifyToken?: string | null;
  webhookUrl?: string | null;
}

export function webhookUrlOf(ch: Channel, origin: string): string {
  return ch.webhookUrl ?? `${origin}/webhooks/whatsapp/${ch.id}`;
}

export function ChannelsAdmin() {
  const { items, problem, reload, api } = useResource<Channel>('/api/v1/channels', 'channels');
  const empty = { name: '', phoneNumberId: '', wabaId: '', accessToken: '', appSecret: '' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await api.call('POST', '/api/v1/channels', form);
    if (res.ok) {
      setForm(empty);
      setError(null);
      reload();
    } else setError(res.message);
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
        <div key={ch.id} className="channel-card">
          <h3>{ch.name ?? ch.displayPhoneNumber ?? ch.phoneNumberId}</h3>
          <dl className="facts">
            <dt>Phone number id</dt>
            <dd className="mono">{ch.phoneNumberId}</dd>
            <dt>Webhook URL</dt>
            <dd className="mono copy">{webhookUrlOf(ch, location.origin)}</dd>
            <dt>Verify token</dt>
            <dd className="mono copy">{ch.verifyToken ?? '(the app-level token, see the server output)'}</dd>
          </dl>
        </div>
      ))}
    </section>
  );
}
