// The real transport (fetch + Socket.IO) with a network cable a test can pull: while cut, every
// request fails as fetch does offline and the socket is gone; restoring plugs in a new socket,
// as socket.io-client's own reconnection would once the network is back.
import { createHttpTransport, type HttpTransportOptions } from '../src/socket-io-transport.ts';
import type { RealtimeConnection, RealtimeHandlers, Transport } from '../src/transport.ts';

export interface CuttableTransport extends Transport {
  readonly offline: boolean;
  /** Requests refused while offline (they never reached the server). */
  readonly refused: number;
  cut(): void;
  restore(): void;
}

export function cuttableTransport(o: Omit<HttpTransportOptions, 'fetch'>): CuttableTransport {
  let offline = false;
  let refused = 0;
  const realFetch = globalThis.fetch.bind(globalThis);
  const inner = createHttpTransport({
    ...o,
    fetch: (input, init) => {
      if (!offline) return realFetch(input, init);
      refused += 1;
      return Promise.reject(new TypeError('fetch failed: network is down'));
    },
  });
  let handlers: RealtimeHandlers | null = null;
  let conn: RealtimeConnection | null = null;
  let closed = false;
  return {
    get offline() {
      return offline;
    },
    get refused() {
      return refused;
    },
    request: (method, path, body) => inner.request(method, path, body),
    connect(h) {
      handlers = h;
      conn = inner.connect(h);
      return {
        emit: (event, payload) => conn?.emit(event, payload),
        close: () => {
          closed = true;
          conn?.close();
          conn = null;
        },
      };
    },
    cut() {
      offline = true;
      conn?.close();
      conn = null;
      handlers?.onDisconnect('transport close');
    },
    restore() {
      offline = false;
      if (handlers && !closed) conn = inner.connect(handlers);
    },
  };
}
