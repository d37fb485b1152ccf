// The customer: name, number, and their other conversations (from the store, widened by the
// contacts API when the server has it).
import type { Conversation } from '@parley/sync';
import { useEffect, useState } from 'react';
import { contactLabel, hueOf, initials, listTime } from '../../lib/format.ts';
import { conversationPath, navigate } from '../../lib/router.ts';
import { useApp } from '../../state/app-context.ts';
import { useConversationList } from '../../state/store-hooks.ts';

const ALL = { view: 'all' } as const;

export function ContactPanel({ conversation: c, onClose }: { conversation: Conversation; onClose(): void }) {
  const { store, api } = useApp();
  const { rows } = useConversationList(store, ALL);
  const [remote, setRemote] = useState<{ ids: string[]; problem: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    void api
      .run(api.http.GET('/api/v1/contacts/{id}', { params: { path: { id: c.contact.id } } }))
      .then((r) => {
        if (!live) return;
        setRemote(
          r.ok ? { ids: r.data.conversationIds ?? [], problem: null } : { ids: [], problem: r.message },
        );
      });
    return () => {
      live = false;
    };
  }, [api, c.contact.id]);
  const past = new Map<string, Conversation>();
  for (const x of rows) if (x.contact.id === c.contact.id && x.id !== c.id) past.set(x.id, x);
  // Conversations the server lists that this page has not loaded: still reachable by id.
  const unloaded = (remote?.ids ?? []).filter((id) => id !== c.id && !past.has(id));
  const now = Date.now();
  return (
    <aside id="contact-panel" className="contact-panel" aria-label="Contact">
      <div className="contact-head">
        <span
          className="avatar avatar-lg"
          style={{ backgroundColor: `hsl(${hueOf(c.contact.id)} 45% 42%)` }}
          aria-hidden="true"
        >
          {initials(c.contact.name ?? c.contact.phone)}
        </span>
        <h3>{contactLabel(c.contact)}</h3>
        <button
          type="button"
          className="btn btn-ghost btn-sm close"
          onClick={onClose}
          aria-label="Close contact panel"
        >
          ✕
        </button>
      </div>
      <dl className="facts">
        <dt>Phone</dt>
        <dd className="mono">{c.contact.phone ?? '—'}</dd>
        <dt>WhatsApp id</dt>
        <dd className="mono">{c.contact.waId ?? '—'}</dd>
        <dt>Labels</dt>
        <dd>{c.labels.length > 0 ? c.labels.join(', ') : '—'}</dd>
      </dl>
      <h4>Other conversations</h4>
      {past.size === 0 && unloaded.length === 0 ? (
        <p className="muted">None found{remote?.problem ? ' among those loaded' : ''}.</p>
      ) : (
        <ul className="past">
          {[...past.values()].map((p) => (
            <li key={p.id}>
              <button type="button" className="linkish" onClick={() => navigate(conversationPath(p.id))}>
                <span className={`chip chip-status-${p.status}`}>{p.status}</span>{' '}
                {p.lastMessagePreview ?? '—'} <span className="muted">{listTime(p.lastMessageAt, now)}</span>
              </button>
            </li>
          ))}
          {unloaded.map((id) => (
            <li key={id}>
              <button type="button" className="linkish" onClick={() => navigate(conversationPath(id))}>
                An earlier conversation
              </button>
            </li>
          ))}
        </ul>
      )}
      {remote?.problem && <p className="muted small">{remote.problem}</p>}
    </aside>
  );
}
