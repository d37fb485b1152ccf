// The public port's defences against slow and numerous clients: a client that sends its headers or
// body a byte every few seconds (slow loris) loses its connection once the header or request
// timeout passes, an idle keep-alive connection closes, and past the connection cap new
// connections are refused at once instead of exhausting file descriptors and memory.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from '../config/env.ts';

export type PortLimits = Pick<
  Config,
  | 'PARLEY_HEADERS_TIMEOUT_MS'
  | 'PARLEY_REQUEST_TIMEOUT_MS'
  | 'PARLEY_KEEP_ALIVE_TIMEOUT_MS'
  | 'PARLEY_MAX_CONNECTIONS'
>;

export function createPublicServer(limits: PortLimits, listener: RequestListener): Server {
  const headersTimeout = limits.PARLEY_HEADERS_TIMEOUT_MS;
  // Node rejects a headers timeout longer than the request timeout.
  const requestTimeout = Math.max(limits.PARLEY_REQUEST_TIMEOUT_MS, headersTimeout);
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: limits.PARLEY_KEEP_ALIVE_TIMEOUT_MS,
      // Node checks the two timeouts above on this interval (30 s by default): a tenth of the
      // shorter one keeps the real cut-off close to the setting.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 10))),
    },
    listener,
  );
  server.maxConnections = limits.PARLEY_MAX_CONNECTIONS;
  return server;
}
