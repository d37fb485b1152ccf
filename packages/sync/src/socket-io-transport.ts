// The real Transport: fetch for REST, socket.io-client for realtime (docs/contracts.md: path
// "/realtime", default namespace; cookie auth in browsers, `auth: { token }` elsewhere).
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { REALTIME_PATH, SOCKET_EVENT, SOCKET_SIGNAL } from './protocol.ts';
import { type HttpMethod, type HttpResponse, NetworkError, type Transport } from './transport.ts';

export interface HttpTransportOptions {
  /** Server origin, e.g. `https://inbox.example.com` (or `''` for same-origin in a browser). */
  baseUrl: string;
  /** Bearer token for non-browser clients; browsers leave it out and use the session cookie. */
  token?: string;
  /** Extra headers per request, e.g. the CSRF header a browser session needs on unsafe methods. */
  headers?: () => Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** Requests slower than this count as a network failure (the offline queue retries them). */
  timeoutMs?: number;
  socket?: Partial<ManagerOptions & SocketOptions>;
}

export function createHttpTransport(o: HttpTransportOptions): Transport {
  const doFetch = o.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async request(method: HttpMethod, path: string, body?: unknown): Promise<HttpResponse> {
      const headers: Record<string, string> = { accept: 'application/json', ...(o.headers?.() ?? {}) };
      if (o.token) headers['authorization'] = `Bearer ${o.token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await doFetch(o.baseUrl + path, {
          method,
          headers,
          credentials: 'include',
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
        });
      } catch (err) {
        throw new NetworkError(`${method} ${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const text = await res.text().catch(() => '');
      let parsed: unknown = null;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { error: { code: 'bad_response', message: `Not JSON (HTTP ${res.status})` } };
        }
      }
      return { status: res.status, body: parsed };
    },
    connect(h) {
      const socket = io(o.baseUrl || undefined, {
        path: REALTIME_PATH,
        withCredentials: true,
        ...(o.token ? { auth: { token: o.token } } : {}),
        ...o.socket,
      });
      socket.on(SOCKET_EVENT, (p: unknown) => h.onEvent(p));
      socket.on(SOCKET_SIGNAL, (p: unknown) => h.onSignal(p));
      socket.on('connect', () => h.onConnect());
      socket.on('disconnect', (reason) => h.onDisconnect(reason));
      socket.on('connect_error', (err) => h.onConnectError(err.message));
      return {
        emit: (event, payload) => {
          socket.emit(event, payload);
        },
        close: () => {
          socket.removeAllListeners();
          socket.close();
        },
      };
    },
  };
}
