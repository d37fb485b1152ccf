import { type FormEvent, useState } from 'react';
import { FormError } from '../form-error.tsx';
import { useResource } from './use-resource.ts';

export interface Field {
  name: string;
  label: string;
  placeholder?: string;
  long?: boolean;
}

export function SimpleListAdmin({
  title,
  path,
  listKey,
  fields,
  columns,
}: {
  title: string;
  path: string;
  listKey: string;
  fields: Field[];
  columns(row: Record<string, unknown>): string[];
}) {
  const { items, problem, reload, api } = useResource<Record<string, unknown>>(path, listKey);
  const [form, setForm] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await api.call('POST', path, form);
    if (res.ok) {
      setForm({});
      setError(null);
      reload();
    } else setError(res.message);
  };
  const remove = async (id: string) => {
    const res = await api.call('DELETE', `${path}/${encodeURIComponent(id)}`);
    if (res.ok) reload();
    else setError(res.message);
  };
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{title}</h1>
      {problem && <p className="banner banner-warn">{problem}</p>}
      {!problem && (
        <form className="admin-form" onSubmit={submit}>
          {fields.map((f) => (
            <label key={f.name} htmlFor={`field-${f.name}`}>
              {f.label}
              {f.long ? (
                <textarea
                  id={`field-${f.name}`}
                  value={form[f.name] ?? ''}
                  placeholder={f.placeholder}
                  required
                  onChange={(e) => setForm({ ...form, [f.name]: e.target.value })}
                />
              ) : (
                <input
                  id={`field-${f.name}`}
                  value={form[f.name] ?? ''}
                  placeholder={f.placeholder}
                  required
                  onChange={(e) => setForm({ ...form, [f.name]: e.target.value })}
                />
              )}
            </label>
          ))}
          <button type="submit" className="btn btn-primary">
            Add
          </button>
        </form>
      )}
      <FormError message={error} />
      {items && items.length > 0 && (
        <table className="table">
          <tbody>
            {items.map((r, i) => (
              <tr key={String(r['id'] ?? i)}>
                {columns(r).map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
                <td className="right">
                  {typeof r['id'] === 'string' && (
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost"
                      onClick={() => void remove(String(r['id']))}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items && items.length === 0 && !problem && <p className="muted">Nothing here yet.</p>}
    </section>
  );
}
