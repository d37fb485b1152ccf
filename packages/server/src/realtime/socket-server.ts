// Socket.IO at /realtime. The handshake authenticates like the REST API (session cookie, or
// auth.token), then the socket joins the rooms that say what it may see: its tenant, its agent,
// its channels and teams, and "all" for owners and admins. Every join is decided here, never by
// the client.
import type { Server as HttpServer } from 'node:http';
import { REALTIME_PATH, type Signal, SOCKET_SIGNAL } from '@parley/sync';
import { Server, type Socket } from 'socket.io';
import { principalFromSession, principalFromToken, sessionFromCookieHeader } from '../auth/credentials.ts';
import type { Principal } from '../auth/principal.ts';
import { loadVisibility, type Visibility } from '../auth/visibility.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/registry.ts';
import type { Queryable } from '../store/db.ts';

export interface SocketData {
  principal: Principal;
  visibility: Visibility;
}

export type ParleySocket = Socket<
  Record<string, never>,
  Record<string, (...args: unknown[]) => void>,
  Record<string, never>,
  SocketData
>;

export interface SocketServerOptions {
  http: HttpServer;
  db: Queryable;
  metrics: Metrics;
  log: Logger;
  corsOrigin?: string[];
}

export const roomsFor = (p: Principal, v: Visibility): string[] => [
  `t:${p.tenantId}`,
  ...(v.all ? [`t:${p.tenantId}:all`] : []),
  ...(p.agentId ? [`a:${p.agentId}`] : []),
  ...[...v.channelIds].map((id) => `c:${id}`),
  ...[...v.teamIds].map((id) => `tm:${id}`),
];

export function createSocketServer(opts: SocketServerOptions): Server {
  const io = new Server(opts.http, {
    path: REALTIME_PATH,
    serveClient: true,
    cors: opts.corsOrigin ? { origin: opts.corsOrigin, credentials: true } : undefined,
    // Many idle agents per node: keep per-socket memory small.
    perMessageDeflate: false,
    httpCompression: false,
  });

  io.use(async (socket, next) => {
    try {
      const token =
        typeof socket.handshake.auth?.['token'] === 'string'
          ? (socket.handshake.auth['token'] as string)
          : null;
      const session = sessionFromCookieHeader(socket.handshake.headers.cookie);
      const principal = token
        ? await principalFromToken(opts.db, token)
        : session
          ? await principalFromSession(opts.db, session)
          : null;
      if (!principal) {
        return next(
          Object.assign(new Error('unauthenticated: log in, or pass a valid token in auth.token'), {
            data: { code: 'unauthenticated' },
          }),
        );
      }
      const visibility = await loadVisibility(opts.db, principal);
      socket.data.principal = principal;
      socket.data.visibility = visibility;
      next();
    } catch (err) {
      opts.log.error({ err: (err as Error).message }, 'realtime: handshake failed');
      next(new Error('unavailable: try again shortly'));
    }
  });

  io.on('connection', (socket) => {
    const { principal, visibility } = socket.data as SocketData;
    void socket.join(roomsFor(principal, visibility));
    opts.metrics.realtimeSockets.inc();
    socket.on('disconnect', () => opts.metrics.realtimeSockets.dec());
  });

  return io;
}

/** Sends an ephemeral signal (typing, presence) to a set of rooms across every node. */
export function sendSignal(io: Server, rooms: string[], signal: Signal): void {
  io.to(rooms).emit(SOCKET_SIGNAL, signal);
}
