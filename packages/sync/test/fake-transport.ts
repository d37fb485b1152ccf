// A Transport wired to the model server, where the test decides when each HTTP answer and each
// socket delivery happens: held answers, dropped/duplicated/reordered deliveries, disconnects.
import type { SyncEntry } from '../src/protocol.ts';
import {
  type HttpMethod,
  type HttpResponse,
  NetworkError,
  type RealtimeConnection,
  type RealtimeHandlers,
  type Transport,
} from '../src/transport.ts';
import type { ModelServer } from './model-server.ts';

export interface SentRequest {
  method: HttpMethod;
  path: string;
  body: unknown;
}

export class FakeTransport implements Transport {
  /** When false, requests fail with NetworkError before reaching the server. */
  online = true;
  /** When true, answers wait in `held` until released. */
  holdHttp = false;
  readonly held: { res: HttpResponse; resolve: (r: HttpResponse) => void }[] = [];
  readonly requests: SentRequest[] = [];
  readonly emitted: { event: string; conversationId: string }[] = [];
  /** Entries committed while the socket was up, not yet delivered. */
  inbox: SyncEntry[] = [];
  private handlers: RealtimeHandlers | null = null;
  socketUp = false;
  /** Answer overrides for a path prefix (e.g. force a 500), checked before the server. */
  readonly overrides: { method: HttpMethod; prefix: string; res: HttpResponse; times: number }[] = [];

  constructor(readonly server: ModelServer) {
    server.onCommit = (e) => {
      if (this.socketUp) this.inbox.push(e);
    };
  }

  request(method: HttpMethod, path: string, body?: unknown): Promise<HttpResponse> {
    this.requests.push({ method, path, body });
    if (!this.online) return Promise.reject(new NetworkError('offline'));
    const o = this.overrides.find((x) => x.method === method && path.startsWith(x.prefix) && x.times > 0);
    let res: HttpResponse;
    if (o) {
      o.times -= 1;
      res = structuredClone(o.res);
    } else res = structuredClone(this.server.handle(method, path, body));
    if (!this.holdHttp) return Promise.resolve(res);
    return new Promise((resolve) => this.held.push({ res, resolve }));
  }

  releaseHttp(n = this.held.length): void {
    for (const h of this.held.splice(0, n)) h.resolve(h.res);
  }

  connect(handlers: RealtimeHandlers): RealtimeConnection {
    this.handlers = handlers;
    return {
      emit: (event, payload) => this.emitted.push({ event, conversationId: payload.conversationId }),
      close: () => {
        this.handlers = null;
        this.socketUp = false;
      },
    };
  }

  connectSocket(): void {
    this.socketUp = true;
    this.handlers?.onConnect();
  }

  disconnectSocket(): void {
    this.socketUp = false;
    this.inbox = [];
    this.handlers?.onDisconnect('transport close');
  }

  failConnect(): void {
    this.handlers?.onConnectError('ECONNREFUSED');
  }

  deliver(n = this.inbox.length): void {
    for (const e of this.inbox.splice(0, n)) this.handlers?.onEvent(e);
  }

  /** Delivers any payload, as is (duplicates, foreign tenants, garbage). */
  push(payload: unknown): void {
    this.handlers?.onEvent(payload);
  }

  signal(payload: unknown): void {
    this.handlers?.onSignal(payload);
  }
}

/** Lets every pending promise chain run (the fake resolves on microtasks, never on timers). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}
