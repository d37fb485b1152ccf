// The one port through which the sync core talks to a Parley server: plain HTTP requests and a
// realtime connection. Adapters: socket-io-transport.ts (browsers, Node); tests use a fake.

export type HttpMethod = 'GET' | 'POST' | 'PUT';

/** Any HTTP answer, 2xx or not; `body` is the parsed JSON (or null when empty). */
export interface HttpResponse {
  status: number;
  body: unknown;
}

/**
 * Thrown by `request` when no HTTP answer came (offline, DNS, reset, timeout). An HTTP error status
 * is an answer, not a NetworkError: the caller decides what it means.
 */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export interface RealtimeHandlers {
  /** A raw `"event"` payload; the core validates it. */
  onEvent(payload: unknown): void;
  /** A raw `"signal"` payload. */
  onSignal(payload: unknown): void;
  onConnect(): void;
  onDisconnect(reason: string): void;
  /** The connection could not be made (yet); the adapter keeps retrying on its own. */
  onConnectError(reason: string): void;
}

export interface RealtimeConnection {
  emit(event: 'subscribe' | 'unsubscribe' | 'typing', payload: { conversationId: string }): void;
  close(): void;
}

export interface Transport {
  /** `path` starts with `/api/v1`. Resolves with any HTTP answer; rejects only with NetworkError. */
  request(method: HttpMethod, path: string, body?: unknown): Promise<HttpResponse>;
  /** Opens the realtime connection; the adapter reconnects by itself until `close()`. */
  connect(handlers: RealtimeHandlers): RealtimeConnection;
}
