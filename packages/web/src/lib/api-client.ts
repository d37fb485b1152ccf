// The dashboard's one REST client (everything the sync store does not send: login, settings, notes,
// templates, presence, search). openapi-fetch typed by api-schema.d.ts, which is generated from the
// server's OpenAPI document: a path, parameter or body the server does not accept fails
// `npm run lint`. Every answer becomes a value. A 404 is the server's answer like any other (the
// types already say which routes exist): nothing here guesses at run time whether a route is there.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-schema.d.ts';

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string };

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
} as const;

export class ApiClient {
  readonly http: Http;
  private readonly fetchImpl: FetchLike;

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
    return {
      ok: false,
      status: response.status,
      code: err?.code ?? `http_${response.status}`,
      message: err?.message ?? `The server answered HTTP ${response.status}.`,
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
}
