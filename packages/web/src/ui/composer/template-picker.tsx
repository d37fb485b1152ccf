// Outside the 24-hour window only an approved template may be sent. The agent picks one, fills a
// field per variable (and the header's media link when it has one), sees the message as the
// customer will read it, and sends it; the server refuses values that do not fit with a sentence.
import { type Conversation, renderTemplate, type TemplateShape, templateShape } from '@parley/sync';
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../state/app-context.ts';
import type { Template } from '../../state/directory.ts';

type MediaFormat = 'IMAGE' | 'VIDEO' | 'DOCUMENT';
const isMedia = (f: string | undefined): f is MediaFormat =>
  f === 'IMAGE' || f === 'VIDEO' || f === 'DOCUMENT';

/** The send's components: header (text values or the media link) and body values. */
export function templateComponents(
  shape: TemplateShape,
  header: string[],
  body: string[],
  mediaLink: string,
) {
  const text = (v: string) => ({ type: 'text' as const, text: v });
  const out: {
    type: 'header' | 'body';
    parameters: ({ type: 'text' | 'image' | 'video' | 'document' } & Record<string, unknown>)[];
  }[] = [];
  const format = shape.header?.format;
  if (isMedia(format) && mediaLink) {
    const kind = format.toLowerCase() as 'image' | 'video' | 'document';
    out.push({ type: 'header', parameters: [{ type: kind, [kind]: { link: mediaLink } }] });
  } else if (header.length > 0) out.push({ type: 'header', parameters: header.map(text) });
  if (body.length > 0) out.push({ type: 'body', parameters: body.map(text) });
  return out;
}

export function TemplatePicker({ conversation: c }: { conversation: Conversation }) {
  const { api } = useApp();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choice, setChoice] = useState('');
  const [header, setHeader] = useState<string[]>([]);
  const [body, setBody] = useState<string[]>([]);
  const [mediaLink, setMediaLink] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api
      .run(api.http.GET('/api/v1/channels/{id}/templates', { params: { path: { id: c.channelId } } }))
      .then((r) => {
        if (!live) return;
        if (r.ok) setTemplates(r.data.templates.filter((t) => t.status.toUpperCase() === 'APPROVED'));
        else setProblem(r.message);
      });
    return () => {
      live = false;
    };
  }, [api, c.channelId]);

  const t = templates?.find((x) => `${x.name}|${x.language}` === choice);
  const shape = useMemo(() => (t ? templateShape(t.components) : null), [t]);
  const pick = (value: string) => {
    setChoice(value);
    setHeader([]);
    setBody([]);
    setMediaLink('');
    setSent(null);
    setProblem(null);
  };
  const headerVars = shape?.header?.format === 'TEXT' ? shape.header.variables : [];
  const bodyVars = shape?.body.variables ?? [];
  const filled =
    headerVars.every((_, i) => (header[i] ?? '').trim() !== '') &&
    bodyVars.every((_, i) => (body[i] ?? '').trim() !== '') &&
    (!isMedia(shape?.header?.format) || mediaLink.trim() !== '');

  const send = async () => {
    if (!t || !shape) return;
    setProblem(null);
    setBusy(true);
    const res = await api.run(
      api.http.POST('/api/v1/conversations/{id}/messages', {
        params: { path: { id: c.id } },
        body: {
          clientId: crypto.randomUUID(),
          kind: 'template',
          body: {
            name: t.name,
            language: t.language,
            components: templateComponents(
              shape,
              header.slice(0, headerVars.length),
              body.slice(0, bodyVars.length),
              mediaLink.trim(),
            ),
          },
        },
      }),
    );
    setBusy(false);
    if (res.ok) {
      setSent(t.name);
      pick('');
      setSent(t.name);
    } else setProblem(res.message);
  };

  if (problem && !templates) return <p className="muted small">Templates are not available: {problem}</p>;
  if (!templates) return <p className="muted small">Loading templates…</p>;
  if (templates.length === 0) return <p className="muted small">This number has no approved templates.</p>;
  const field = (label: string, value: string, onChange: (v: string) => void, key: string) => (
    <label key={key} className="template-field">
      {label}
      <input value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
  const setAt = (list: string[], i: number, v: string) => {
    const next = [...list];
    next[i] = v;
    return next;
  };
  return (
    <div className="template-picker" data-testid="template-picker">
      <label htmlFor={`tpl-${c.id}`}>Template</label>
      <select id={`tpl-${c.id}`} value={choice} onChange={(e) => pick(e.target.value)}>
        <option value="">Choose a template…</option>
        {templates.map((x) => (
          <option key={`${x.name}|${x.language}`} value={`${x.name}|${x.language}`}>
            {x.name} ({x.language})
          </option>
        ))}
      </select>
      {shape && (
        <div className="template-fields">
          {isMedia(shape.header?.format) &&
            field(
              `Header ${shape.header.format.toLowerCase()} link (https://…)`,
              mediaLink,
              setMediaLink,
              'media',
            )}
          {headerVars.map((v, i) =>
            field(`Header {{${v}}}`, header[i] ?? '', (x) => setHeader(setAt(header, i, x)), `h${v}`),
          )}
          {bodyVars.map((v, i) =>
            field(`{{${v}}}`, body[i] ?? '', (x) => setBody(setAt(body, i, x)), `b${v}`),
          )}
          <p className="template-preview msg-text" dir="auto" data-testid="template-preview">
            {renderTemplate(shape, { header, body })}
          </p>
        </div>
      )}
      <button
        type="button"
        className="btn btn-sm btn-primary"
        disabled={!t || !filled || busy}
        onClick={() => void send()}
      >
        Send template
      </button>
      {sent && (
        <span className="muted small" role="status">
          Sent “{sent}”.
        </span>
      )}
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
