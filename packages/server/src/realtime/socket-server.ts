// Socket.IO at /realtime. The handshake authenticates like the REST API (session cookie, or
// auth.token), then the socket joins the rooms that say what it may see: its tenant, its agent,
// its channels and teams, and "all" for owners and admins. Every join is decided here, never by
// the client.
import type { Server as HttpServer } from 'node:http';
import { type AgentAvailability, REALTIME_PATH, type Signal, SOCKET_SIGNAL } from '@parley/sync';
import { Server, type Socket } from 'socket.io';
import {
  credentialHash,
  principalFromSession,
  principalFromToken,
  sessionFromCookieHeader,
} from '../auth/credentials.ts';
import type { Principal } from '../auth/principal.ts';
import { loadVisibility, type Visibility } from '../auth/visibility.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/registry.ts';
import type { Queryable } from '../store/db.ts';
import { settleAccess } from './access-refresh.ts';
import { handleConversationRooms } from './conversation-rooms.ts';
import { handshakeOriginAllowed } from './handshake-origin.ts';
import { createPresence, type Presence } from './presence.ts';
import type { GraceStore } from './presence-grace.ts';
import { agentRoom, allRoom, channelRoom, staffRoom, teamRoom, tenantRoom } from './room-names.ts';

export interface SocketData {
  principal: Principal;
  visibility: Visibility;
  /** The agent's chosen availability, kept current by presence (integration tokens: online). */
  availability: AgentAvailability;
  /** The agent row's version when the handshake read its sight (null for integration tokens). */
  agentVersion: number | null;
  /** What the handshake authenticated with, by its stored hash: the socket closes when it ends. */
  credential: { kind: 'session' | 'token'; hash: string };
}

export type ParleySocket = Socket<
  Record<string, (...args: unknown[]) => void>,
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
  /** PARLEY_PUBLIC_URL: browsers may open sockets from its origin (and from the host's own). */
  publicUrl?: string | undefined;
  /** PARLEY_PRESENCE_GRACE_MS: how long an agent whose last socket closed still shows. */
  presenceGraceMs: number;
  /** Where grace periods are shared between nodes (presence-grace.ts). */
  presenceGraces: GraceStore;
}

/** This node's sockets in a room (the adapter's rooms, local only). */
export const localSockets = (io: Server, room: string): ParleySocket[] => {
  const ids = io.of('/').adapter.rooms.get(room);
  if (!ids) return [];
  return [...ids].flatMap((id) => {
    const s = io.of('/').sockets.get(id);
    return s ? [s as ParleySocket] : [];
  });
};

/** The agent row as the handshake needs it: its version (access-refresh.ts) and chosen availability. */
async function agentAtHandshake(
  db: Queryable,
  agentId: string,
): Promise<{ version: number; availability: AgentAvailability } | null> {
  const { rows } = await db.query<{ version: number; availability: AgentAvailability }>(
    'SELECT version, availability FROM agents WHERE id = $1',
    [agentId],
  );
  return rows[0] ?? null;
}

/** The reason a refused handshake gives: `connect_error` carries it as err.message and err.data. */
export const AUTH_REFUSED = {
  code: 'unauthenticated',
  message: 'unauthenticated: log in, or pass a valid token in auth.token',
} as const;

export const roomsFor = (p: Principal, v: Visibility): string[] => [
  tenantRoom(p.tenantId),
  ...(v.directory !== false ? [staffRoom(p.tenantId)] : []),
  ...(v.all ? [allRoom(p.tenantId)] : []),
  ...(p.agentId ? [agentRoom(p.tenantId, p.agentId)] : []),
  ...[...v.channelIds].map((id) => channelRoom(p.tenantId, id)),
  ...[...v.teamIds].map((id) => teamRoom(p.tenantId, id)),
];

export function createSocketServer(opts: SocketServerOptions): { io: Server; presence: Presence } {
  const io = new Server(opts.http, {
    path: REALTIME_PATH,
    serveClient: true,
    cors: opts.corsOrigin ? { origin: opts.corsOrigin, credentials: true } : undefined,
    // Many idle agents per node: keep per-socket memory small.
    perMessageDeflate: false,
    httpCompression: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const allowed =
        handshakeOriginAllowed(origin, req.headers.host, opts.publicUrl) ||
        (origin !== undefined && (opts.corsOrigin ?? []).includes(origin));
      callback(allowed ? null : 'origin not allowed', allowed);
    },
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
        return next(Object.assign(new Error(AUTH_REFUSED.message), { data: { code: AUTH_REFUSED.code } }));
      }
      // Read before the sight, so a change that lands in between shows as a newer version.
      const agent = principal.agentId ? await agentAtHandshake(opts.db, principal.agentId) : null;
      socket.data.agentVersion = agent?.version ?? null;
      socket.data.availability = agent?.availability ?? 'online';
      const visibility = await loadVisibility(opts.db, principal);
      socket.data.principal = principal;
      socket.data.visibility = visibility;
      socket.data.credential = token
        ? { kind: 'token', hash: credentialHash(token) }
        : { kind: 'session', hash: credentialHash(session!) };
      next();
    } catch (err) {
      opts.log.error({ err: (err as Error).message }, 'realtime: handshake failed');
      next(Object.assign(new Error('unavailable: try again shortly'), { data: { code: 'unavailable' } }));
    }
  });

  const presence = createPresence({
    io,
    db: opts.db,
    log: opts.log,
    graceMs: opts.presenceGraceMs,
    graces: opts.presenceGraces,
  });
  io.on('connection', (raw) => {
    // Socket.IO types socket.data as any; ours is always set by the handshake above.
    const socket = raw as ParleySocket;
    const { principal, visibility } = socket.data;
    // The in-memory and Redis adapters join synchronously for local sockets.
    void socket.join(roomsFor(principal, visibility));
    settleAccess(opts.db, socket).catch((err: unknown) =>
      opts.log.warn({ err: (err as Error).message }, 'realtime: could not re-check a new socket’s rooms'),
    );
    opts.metrics.realtimeSockets.inc();
    socket.on('disconnect', () => opts.metrics.realtimeSockets.dec());
    handleConversationRooms(socket, { db: opts.db, log: opts.log });
    presence.attach(socket);
  });

  return { io, presence };
}

/** Sends an ephemeral signal (typing, presence) to a set of rooms across every node. */
export function sendSignal(io: Server, rooms: string[], signal: Signal): void {
  io.to(rooms).emit(SOCKET_SIGNAL, signal);
}
