// The HTTP side of a graceful stop (SIGTERM): stop accepting, let requests in flight finish, and
// send sockets elsewhere. Socket.IO sockets get their transport closed — not a server-side
// disconnect, after which a Socket.IO client stays away for good — so each client reconnects at
// once, through the load balancer, to a process that still runs, and catches up from its cursor.
// Requests still running after timeoutMs are cut, so a stuck client cannot hold the stop for ever.
import type { Server as HttpServer } from 'node:http';
import type { Server as IoServer } from 'socket.io';
import type { Logger } from '../log/logger.ts';

export async function drainHttp(server: HttpServer, io: IoServer | null, timeoutMs: number, log: Logger) {
  // Answers from now on close their connection: a keep-alive client opens its next one elsewhere.
  server.on('request', (_req, res) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  io?.engine.close();
  const cut = setTimeout(() => {
    log.warn({ timeoutMs }, 'drain: requests still in flight after PARLEY_DRAIN_TIMEOUT_MS are cut');
    server.closeAllConnections();
  }, timeoutMs);
  cut.unref();
  await closed;
  clearTimeout(cut);
}
