import { type FormEvent, useState } from 'react';
import type { ApiClient, ApiResult } from '../../lib/api-client.ts';
import { FormError } from '../form-error.tsx';
import { useResource } from './use-resource.ts';

export interface Field {
  name: string;
  label: string;
  placeholder?: string;
  long?: boolean;
}

export interface ListCalls<T> {
  load(api: ApiClient): Promise<ApiResult<{ items: T[] }>>;
  create(api: ApiClient, form: Record<string, string>): Promise<ApiResult<unknown>>;
  remove(api: ApiClient, id: string): Promise<ApiResult<unknown>>;
}

export function SimpleListAdmin<T extends { id: string }>({
  title,
  calls,
  fields,
  columns,
}: {
  title: string;
  calls: ListCalls<T>;
  fields: Field[];
  columns(row: T): string[];
}) {
  const { items, problem, reload, api } = useResource<T>(title, calls.load);
  const [form, setForm] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await calls.create(api, form);
    if (res.ok) {
      setForm({});
      setError(null);
      reload();
    } else setError(res.message);
  };
  const remove = async (id: string) => {
    const res = await calls.remove(api, id);
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
            {items.map((r) => (
              <tr key={r.id}>
                {columns(r).map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
                <td className="right">
                  <button type="button" className="btn btn-sm btn-ghost" onClick={() => void remove(r.id)}>
                    Delete
                  </button>
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
