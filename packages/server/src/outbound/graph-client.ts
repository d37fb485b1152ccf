// The Graph API calls Parley makes, over fetch (keep-alive by default). Every path is versioned
// (CONTRACTS "First run and configuration"). A failure comes back as a classified value, never as
// an exception, so the caller decides between retrying, stopping and marking the send unknown.
import { createGuardedFetch, type GuardedFetch, GuardedFetchError } from '../net/guarded-fetch.ts';
import {
  classifyAnswer,
  classifyNetworkError,
  classifySendAnswer,
  type GraphAnswer,
  type SendFailure,
} from './meta-errors.ts';

export interface GraphConfig {
  baseUrl: string;
  version: string;
  timeoutMs?: number;
  /** Fetches the media URLs Graph answers with (any host Meta names): the guarded fetch. */
  mediaFetch?: GuardedFetch;
  /** Hosts besides the Graph API's that may receive the token (WHATSAPP_MEDIA_HOSTS). */
  mediaHosts?: readonly string[];
}

/** Ids that go into a Graph path: Meta's are digits; nothing that could leave the segment. */
const GRAPH_ID = /^[0-9A-Za-z_-]{1,128}$/;

const permanent = (title: string): { ok: false; failure: SendFailure } => ({
  ok: false,
  failure: { verdict: 'permanent', code: null, title, details: null },
});

export type GraphResult<T> = { ok: true; value: T } | { ok: false; failure: SendFailure };

export interface MediaInfo {
  url: string;
  mimeType: string | null;
  sha256: string | null;
  size: number | null;
}

export interface GraphTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string | null;
  components: unknown[];
}

export interface GraphClient {
  sendMessage(phoneNumberId: string, token: string, payload: unknown): Promise<GraphResult<string>>;
  markRead(phoneNumberId: string, token: string, wamid: string): Promise<GraphResult<void>>;
  uploadMedia(
    phoneNumberId: string,
    token: string,
    file: { bytes: Buffer; mimeType: string; filename: string },
  ): Promise<GraphResult<string>>;
  mediaInfo(mediaId: string, token: string): Promise<GraphResult<MediaInfo>>;
  /** Downloads a media URL with the token; fails (permanently) past maxBytes. */
  download(
    url: string,
    token: string,
    maxBytes: number,
  ): Promise<GraphResult<{ bytes: Buffer; mimeType: string | null }>>;
  templates(wabaId: string, token: string): Promise<GraphResult<GraphTemplate[]>>;
}

type Json = Record<string, unknown>;

export function createGraphClient(config: GraphConfig): GraphClient {
  const base = config.baseUrl.replace(/\/$/, '');
  const timeoutMs = config.timeoutMs ?? 10_000;
  const url = (path: string) => `${base}/${config.version}/${path}`;
  const mediaFetch = config.mediaFetch ?? createGuardedFetch();
  // The channel's token goes to the Graph API's host name and Meta's media host only (any port: the
  // simulator serves media from another port than its Graph API).
  const tokenHosts = new Set([new URL(base).hostname.toLowerCase(), ...(config.mediaHosts ?? [])]);
  const badId = (...ids: string[]) => ids.find((id) => !GRAPH_ID.test(id));

  const call = async (
    target: string,
    token: string,
    init: { method?: string; body?: BodyInit; json?: unknown } = {},
    classify: (answer: GraphAnswer) => SendFailure = classifyAnswer,
  ): Promise<GraphResult<Json>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    let res: Response;
    try {
      res = await fetch(target, {
        method: init.method ?? 'GET',
        headers,
        ...(body !== undefined && { body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { ok: false, failure: classifyNetworkError(err) };
    }
    let parsed: unknown = null;
    try {
      parsed = await res.json();
    } catch {
      // Not JSON (a proxy's error page): the status decides.
    }
    if (!res.ok) return { ok: false, failure: classify({ status: res.status, body: parsed }) };
    return { ok: true, value: (parsed ?? {}) as Json };
  };

  return {
    async sendMessage(phoneNumberId, token, payload) {
      if (badId(phoneNumberId)) return permanent('the phone number id is not valid');
      const r = await call(
        url(`${phoneNumberId}/messages`),
        token,
        { method: 'POST', json: payload },
        classifySendAnswer,
      );
      if (!r.ok) return r;
      const id = (r.value.messages as { id?: unknown }[] | undefined)?.[0]?.id;
      if (typeof id !== 'string')
        return {
          ok: false,
          // Meta said yes without an id: it has the message, so it must not be sent again.
          failure: {
            verdict: 'ambiguous',
            code: null,
            title: 'WhatsApp accepted the message without an id',
            details: null,
          },
        };
      return { ok: true, value: id };
    },

    async markRead(phoneNumberId, token, wamid) {
      if (badId(phoneNumberId)) return permanent('the phone number id is not valid');
      const r = await call(url(`${phoneNumberId}/messages`), token, {
        method: 'POST',
        json: { messaging_product: 'whatsapp', status: 'read', message_id: wamid },
      });
      return r.ok ? { ok: true, value: undefined } : r;
    },

    async uploadMedia(phoneNumberId, token, file) {
      if (badId(phoneNumberId)) return permanent('the phone number id is not valid');
      const form = new FormData();
      form.set('messaging_product', 'whatsapp');
      form.set('type', file.mimeType);
      form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
      const r = await call(url(`${phoneNumberId}/media`), token, { method: 'POST', body: form });
      if (!r.ok) return r;
      return typeof r.value.id === 'string'
        ? { ok: true, value: r.value.id }
        : {
            ok: false,
            failure: {
              verdict: 'transient',
              code: null,
              title: 'WhatsApp returned no media id',
              details: null,
            },
          };
    },

    async mediaInfo(mediaId, token) {
      if (badId(mediaId)) return permanent('the media id is not valid');
      const r = await call(url(mediaId), token);
      if (!r.ok) return r;
      const v = r.value;
      if (typeof v.url !== 'string')
        return {
          ok: false,
          failure: { verdict: 'permanent', code: null, title: 'WhatsApp gave no media URL', details: null },
        };
      return {
        ok: true,
        value: {
          url: v.url,
          mimeType: typeof v.mime_type === 'string' ? v.mime_type : null,
          sha256: typeof v.sha256 === 'string' ? v.sha256 : null,
          size: typeof v.file_size === 'number' ? v.file_size : null,
        },
      };
    },

    async download(target, token, maxBytes) {
      let host: string;
      try {
        host = new URL(target).hostname.toLowerCase();
      } catch {
        return permanent('WhatsApp gave a media URL that is not valid');
      }
      if (!tokenHosts.has(host))
        return permanent(
          "WhatsApp's media URL is not on a WhatsApp host; the access token is not sent there",
        );
      let res: Response;
      try {
        res = await mediaFetch(target, {
          headers: { authorization: `Bearer ${token}` },
          timeoutMs: timeoutMs * 6,
        });
      } catch (err) {
        // A refused address is final; a network failure is worth another try with a fresh URL.
        const message = (err as Error).message;
        if (err instanceof GuardedFetchError && /does not call/.test(message)) return permanent(message);
        return { ok: false, failure: { ...classifyNetworkError(err), verdict: 'transient', title: message } };
      }
      if (!res.ok) {
        await res.body?.cancel();
        // An expired URL (403/404) is fixed by asking for a fresh one: transient for the job.
        return {
          ok: false,
          failure: {
            verdict: 'transient',
            code: null,
            title: `media download answered ${res.status}`,
            details: null,
          },
        };
      }
      const declared = Number(res.headers.get('content-length') ?? 0);
      const tooBig = {
        ok: false as const,
        failure: {
          verdict: 'permanent' as const,
          code: null,
          title: 'the file is larger than WhatsApp allows',
          details: null,
        },
      };
      if (declared > maxBytes) {
        await res.body?.cancel();
        return tooBig;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        const reader = res.body?.getReader();
        for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
          const chunk = r.value;
          size += chunk.length;
          if (size > maxBytes) {
            await reader?.cancel();
            return tooBig;
          }
          chunks.push(Buffer.from(chunk));
        }
      } catch (err) {
        return { ok: false, failure: { ...classifyNetworkError(err), verdict: 'transient' } };
      }
      return { ok: true, value: { bytes: Buffer.concat(chunks), mimeType: res.headers.get('content-type') } };
    },

    async templates(wabaId, token) {
      if (badId(wabaId)) return permanent('the WhatsApp Business Account id is not valid');
      const all: GraphTemplate[] = [];
      let next: string | null = `${url(`${wabaId}/message_templates`)}?limit=100`;
      // Meta pages with cursors; a WABA holds at most a few hundred templates.
      for (let page = 0; next && page < 50; page++) {
        const r: GraphResult<Json> = await call(next, token);
        if (!r.ok) return r;
        for (const t of (r.value.data as Json[] | undefined) ?? []) {
          all.push({
            id: String(t.id ?? ''),
            name: String(t.name ?? ''),
            language: String(t.language ?? ''),
            status: String(t.status ?? 'UNKNOWN'),
            category: typeof t.category === 'string' ? t.category : null,
            components: Array.isArray(t.components) ? t.components : [],
          });
        }
        const paging = r.value.paging as { next?: unknown } | undefined;
        next = typeof paging?.next === 'string' ? paging.next : null;
      }
      return { ok: true, value: all };
    },
  };
}
