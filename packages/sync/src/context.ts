// What the list and thread registries share with the store that owns them.
import type { EntityState } from './entity-state.ts';
import type { Notifier } from './notifier.ts';
import type { Conversation } from './protocol.ts';
import type { SyncEngine } from './sync-engine.ts';
import type { HttpResponse, Transport } from './transport.ts';
import type { Me } from './views.ts';

export interface StoreContext {
  transport: Transport;
  state: EntityState;
  engine: SyncEngine;
  notifier: Notifier;
  me: Me;
  pageSize: number;
  /** The conversation as the agent sees it (server row + pending ops), identity-stable. */
  conversationView(id: string): Conversation | undefined;
  touch(key: string): void;
  track<T>(p: Promise<T>): Promise<T>;
  onError(err: unknown): void;
}

/** A non-2xx answer where one was required; carries the server's code when it gave one. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function httpError(what: string, res: HttpResponse): HttpError {
  const body = res.body as { error?: { code?: unknown; message?: unknown } } | null;
  const code = typeof body?.error?.code === 'string' ? body.error.code : `http_${res.status}`;
  const msg = typeof body?.error?.message === 'string' ? body.error.message : `answered HTTP ${res.status}`;
  return new HttpError(res.status, code, `${what}: ${msg}`);
}
