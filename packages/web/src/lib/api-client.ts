// The dashboard's one REST client (everything the sync store does not send: login, settings, notes,
// templates, presence, search). openapi-fetch typed by api-schema.d.ts, which is generated from the
// server's OpenAPI document: a path, parameter or body the server does not accept fails
// `npm run lint`. Every answer becomes a value: a route this server does not have yet is reported
// as `missing`, so a page can say so instead of pretending.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-schema.d.ts';

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string; missing: boolean };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Http = Client<paths>;
/** The JSON a route answers with on success: `Answered<'/api/v1/teams', 'get'>`. */
export type Answered<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { [code in 200 | 201]?: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
export type FetchLike = (input: Request) => Promise<Response>;

/** What an openapi-fetch call resolves to, reduced to the parts read here. */
interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

const NETWORK_DOWN = {
  ok: false,
  status: 0,
  code: 'network_error',
  message: 'No connection to the server.',
  missing: false,
} as const;

export class ApiClient {
  readonly http: Http;
  private routes: Promise<Set<string> | null> | null = null;
  private readonly fetchImpl: FetchLike;
  /** The method each answer was asked with, to tell a missing route from a missing record. */
  private readonly methodOf = new WeakMap<Response, string>();

  constructor(csrfToken: () => string | null, fetchImpl?: FetchLike) {
    this.fetchImpl = fetchImpl ?? ((r) => globalThis.fetch(r));
    this.http = createClient<paths>({
      baseUrl: globalThis.location?.origin ?? '',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      fetch: (r) => this.fetchImpl(r),
    });
    this.http.use({
      onRequest({ request }) {
        const csrf = csrfToken();
        if (request.method !== 'GET' && csrf) request.headers.set('x-csrf-token', csrf);
        return request;
      },
    });
    this.http.use({
      onResponse: ({ request, response }) => {
        this.methodOf.set(response, request.method);
        return response;
      },
    });
  }

  /** Runs one typed call: `api.run(api.http.GET('/api/v1/teams'))`. */
  async run<D>(call: Promise<Answer<D>>): Promise<ApiResult<D>> {
    let answer: Answer<D>;
    try {
      answer = await call;
    } catch {
      return NETWORK_DOWN;
    }
    const { response } = answer;
    if (response.ok) return { ok: true, status: response.status, data: answer.data as D };
    const err = (answer.error as { error?: { code?: string; message?: string } } | undefined)?.error;
    const method = (this.methodOf.get(response) ?? 'GET') as Method;
    const path = response.url ? new URL(response.url).pathname : '';
    const missing = response.status === 404 && !(await this.has(method, path));
    return {
      ok: false,
      status: response.status,
      code: err?.code ?? `http_${response.status}`,
      message: missing
        ? `This server has no ${method} ${templateOf(path)} yet.`
        : (err?.message ?? `The server answered HTTP ${response.status}.`),
      missing,
    };
  }

  /** Uploads one file as multipart/form-data (field "file"). */
  upload(file: File) {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.run(
      this.http.POST('/api/v1/media', {
        // The route reads multipart itself; its document has no body schema to type the form by.
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      }),
    );
  }

  /** Whether the server documents this route (path with concrete ids or `{param}` templates). */
  async has(method: Method, path: string): Promise<boolean> {
    this.routes ??= this.loadRoutes();
    const routes = await this.routes;
    if (!routes) return true; // no document: assume present, the call itself will tell
    const want = templateOf(path.split('?')[0] ?? path);
    for (const r of routes) {
      const [m, p] = r.split(' ');
      if (m === method && p !== undefined && matchesTemplate(p, want)) return true;
    }
    return false;
  }

  private async loadRoutes(): Promise<Set<string> | null> {
    try {
      const res = await this.fetchImpl(
        new Request(`${globalThis.location?.origin ?? ''}/api/v1/openapi.json`, {
          credentials: 'same-origin',
        }),
      );
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
