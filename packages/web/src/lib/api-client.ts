// REST calls the sync store does not make (login, admin pages, notes, templates, presence). Every
// answer is a value: a route this server does not have yet is reported as `missing`, so a page can
// say so instead of pretending (the OpenAPI document lists what exists).

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string; missing: boolean };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class ApiClient {
  private routes: Promise<Set<string> | null> | null = null;

  constructor(private readonly csrfToken: () => string | null) {}

  async call<T>(method: Method, path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrf = this.csrfToken();
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return {
        ok: false,
        status: 0,
        code: 'network_error',
        message: 'No connection to the server.',
        missing: false,
      };
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (res.ok) return { ok: true, status: res.status, data: parsed as T };
    const err = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    const missing = res.status === 404 && !(await this.has(method, path));
    return {
      ok: false,
      status: res.status,
      code: err?.code ?? `http_${res.status}`,
      message: missing
        ? `This server has no ${method} ${templateOf(path)} yet.`
        : (err?.message ?? `The server answered HTTP ${res.status}.`),
      missing,
    };
  }

  /** Uploads one file as multipart/form-data (field "file"). */
  async upload<T>(path: string, file: File): Promise<ApiResult<T>> {
    const form = new FormData();
    form.append('file', file, file.name);
    const headers: Record<string, string> = { accept: 'application/json' };
    const csrf = this.csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: form });
    } catch {
      return {
        ok: false,
        status: 0,
        code: 'network_error',
        message: 'No connection to the server.',
        missing: false,
      };
    }
    const parsed = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return { ok: true, status: res.status, data: parsed as T };
    const err = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    return {
      ok: false,
      status: res.status,
      code: err?.code ?? `http_${res.status}`,
      message: err?.message ?? `The server answered HTTP ${res.status}.`,
      missing: res.status === 404,
    };
  }

  /** Whether the server documents this route (path with concrete ids or `{param}` templates). */
  async has(method: Method, path: string): Promise<boolean> {
    this.routes ??= loadRoutes();
    const routes = await this.routes;
    if (!routes) return true; // no document: assume present, the call itself will tell
    const want = templateOf(path.split('?')[0] ?? path);
    for (const r of routes) {
      const [m, p] = r.split(' ');
      if (m === method && p !== undefined && matchesTemplate(p, want)) return true;
    }
    return false;
  }
}

async function loadRoutes(): Promise<Set<string> | null> {
  try {
    const res = await fetch('/api/v1/openapi.json', { credentials: 'same-origin' });
    if (!res.ok) return null;
    const doc = (await res.json()) as { paths?: Record<string, Record<string, unknown>> };
    const out = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths ?? {}))
      for (const m of Object.keys(ops)) out.add(`${m.toUpperCase()} ${p}`);
    return out;
  } catch {
    return null;
  }
}

const UUIDISH = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/api/v1/agents/5f0c…` → `/api/v1/agents/{id}` (ids only; other segments kept). */
export function templateOf(path: string): string {
  return path
    .split('/')
    .map((s) => (UUIDISH.test(s) ? '{id}' : s))
    .join('/');
}

/** `/a/{id}/b` matches `/a/{x}/b` and `/a/anything/b`. */
export function matchesTemplate(template: string, path: string): boolean {
  const a = template.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return false;
  return a.every((seg, i) => seg === b[i] || seg.startsWith('{') || b[i]?.startsWith('{'));
}
