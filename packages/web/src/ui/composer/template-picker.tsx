// Outside the 24-hour window only an approved template may be sent. Lists the channel's approved
// templates and sends the chosen one; says so plainly when the server offers no templates route.
import type { Conversation } from '@parley/sync';
import { useEffect, useState } from 'react';
import { useApp } from '../../state/app-context.ts';
import type { Template } from '../../state/directory.ts';

export function TemplatePicker({ conversation: c }: { conversation: Conversation }) {
  const { api } = useApp();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choice, setChoice] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api
      .run(api.http.GET('/api/v1/channels/{id}/templates', { params: { path: { id: c.channelId } } }))
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setTemplates(r.data.templates.filter((t) => t.status.toUpperCase() === 'APPROVED'));
        } else setProblem(r.message);
      });
    return () => {
      live = false;
    };
  }, [api, c.channelId]);

  const send = async () => {
    const t = templates?.find((x) => `${x.name}|${x.language}` === choice);
    if (!t) return;
    setProblem(null);
    const res = await api.run(
      api.http.POST('/api/v1/conversations/{id}/messages', {
        params: { path: { id: c.id } },
        body: {
          clientId: crypto.randomUUID(),
          kind: 'template',
          body: { name: t.name, language: t.language },
        },
      }),
    );
    if (res.ok) setSent(t.name);
    else setProblem(res.message);
  };

  if (problem && !templates) return <p className="muted small">Templates are not available: {problem}</p>;
  if (!templates) return <p className="muted small">Loading templates…</p>;
  if (templates.length === 0) return <p className="muted small">This number has no approved templates.</p>;
  return (
    <div className="template-picker">
      <label htmlFor={`tpl-${c.id}`}>Template</label>
      <select id={`tpl-${c.id}`} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">Choose a template…</option>
        {templates.map((t) => (
          <option key={`${t.name}|${t.language}`} value={`${t.name}|${t.language}`}>
            {t.name} ({t.language})
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-sm btn-primary" disabled={!choice} onClick={() => void send()}>
        Send template
      </button>
      {sent && <span className="muted small">Sent “{sent}”.</span>}
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
