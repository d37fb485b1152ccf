// Live presence: an ephemeral signal, never logged (CONTRACTS "Realtime and sync on the wire").
// An agent is connected while any of its sockets, on any node, is open. The truth is the adapter's
// room `t:<tenant>:a:<agent>`: io.in(room).fetchSockets() counts every tab on every node, through the Redis
// adapter in scale mode and in process otherwise, so there is no counter of our own to drift when
// a node dies (its sockets simply stop answering). A grace period has no socket to count: the node
// that starts one records it in a GraceStore (presence-grace.ts) that every node reads. The status
// shown is the agent's chosen availability (agents.availability, a logged change) while connected
// or within the grace, `offline` otherwise.
import { type AgentAvailability, type PresenceStatus, type Signal, SOCKET_SIGNAL } from '@parley/sync';
import type { Server } from 'socket.io';
import type { Logger } from '../log/logger.ts';
import type { Queryable } from '../store/db.ts';
import type { GraceStore } from './presence-grace.ts';
import { agentRoom, tenantRoom } from './room-names.ts';
import type { ParleySocket, SocketData } from './socket-server.ts';

export type { AgentAvailability, PresenceStatus };

export interface PresenceOptions {
  io: Server;
  db: Queryable;
  log: Logger;
  /** How long an agent whose last socket closed stays shown before going offline (a reload, a blip). */
  graceMs: number;
  /** Grace periods of every node: in process for one node, Redis in scale mode. */
  graces: GraceStore;
}

export interface Presence {
  /** Counts a socket that has joined its rooms, and tells it who is online now. */
  attach(socket: ParleySocket): void;
  /** Every agent of the tenant with its live status; agents with no socket anywhere are offline. */
  presenceOf(tenantId: string): Promise<Map<string, PresenceStatus>>;
  /** The agent chose another availability (seen by this node's relay as agent.updated). */
  availabilityChanged(tenantId: string, agentId: string, availability: AgentAvailability): void;
  stop(): void;
}

export const statusOf = (connected: boolean, availability: AgentAvailability): PresenceStatus =>
  connected ? availability : 'offline';

export const presenceSignal = (tenantId: string, agentId: string, status: PresenceStatus): Signal => ({
  tenantId,
  type: 'presence',
  // `online` is kept for clients that only show a dot.
  data: { agentId, status, online: status !== 'offline' },
});

export function createPresence(opts: PresenceOptions): Presence {
  const { io, db, log, graces } = opts;
  /** Open sockets of this node per agent, and the agent's tenant. */
  const local = new Map<string, { tenantId: string; sockets: Set<ParleySocket> }>();
  /** Grace timers of this node, and when each grace ends. */
  const grace = new Map<string, { timer: NodeJS.Timeout; untilMs: number }>();
  const inFlight = new Map<string, Promise<Map<string, PresenceStatus>>>();

  const announce = (tenantId: string, agentId: string, status: PresenceStatus) =>
    io.to(tenantRoom(tenantId)).emit(SOCKET_SIGNAL, presenceSignal(tenantId, agentId, status));

  const settleOffline = async (tenantId: string, agentId: string, untilMs: number) => {
    grace.delete(agentId);
    if (local.has(agentId)) return;
    // Another tab may be open on another node: only the cluster-wide room knows. A grace begun
    // later on another node ends later, and that node settles it.
    const [others, later] = await Promise.all([
      io.in(agentRoom(tenantId, agentId)).fetchSockets(),
      graces.runningPast(tenantId, untilMs),
    ]);
    if (others.length === 0 && !later.has(agentId)) announce(tenantId, agentId, 'offline');
  };

  const compute = async (tenantId: string): Promise<Map<string, PresenceStatus>> => {
    const [sockets, inGrace] = await Promise.all([
      io.in(tenantRoom(tenantId)).fetchSockets(),
      graces.runningPast(tenantId, Date.now()),
    ]);
    // An agent within its grace period, on any node, is still shown as connected.
    const connected = new Set<string>(inGrace);
    for (const s of sockets) {
      const agentId = (s.data as SocketData | undefined)?.principal?.agentId;
      if (agentId) connected.add(agentId);
    }
    const { rows } = await db.query<{ id: string; availability: AgentAvailability }>(
      'SELECT id, availability FROM agents WHERE tenant_id = $1 AND NOT disabled',
      [tenantId],
    );
    return new Map(rows.map((r) => [r.id, statusOf(connected.has(r.id), r.availability)]));
  };

  const presenceOf = (tenantId: string) => {
    // Many sockets connecting at once share one cluster-wide count per tenant.
    let p = inFlight.get(tenantId);
    if (!p) {
      p = compute(tenantId).finally(() => inFlight.delete(tenantId));
      inFlight.set(tenantId, p);
    }
    return p;
  };

  const detach = (socket: ParleySocket) => {
    const { principal } = socket.data;
    const agentId = principal.agentId;
    const mine = agentId ? local.get(agentId) : undefined;
    if (!agentId || !mine) return;
    mine.sockets.delete(socket);
    if (mine.sockets.size > 0) return;
    local.delete(agentId);
    const untilMs = Date.now() + opts.graceMs;
    const timer = setTimeout(() => {
      settleOffline(principal.tenantId, agentId, untilMs).catch((err: unknown) =>
        log.warn({ err: (err as Error).message, agentId }, 'presence: could not settle offline'),
      );
    }, opts.graceMs);
    timer.unref();
    grace.set(agentId, { timer, untilMs });
    graces
      .begin(principal.tenantId, agentId, untilMs)
      .catch((err: unknown) =>
        log.warn(
          { err: (err as Error).message, agentId },
          'presence: grace not shared; other nodes show offline',
        ),
      );
  };

  return {
    attach(socket) {
      const { principal } = socket.data;
      const agentId = principal.agentId;
      if (agentId) {
        const pending = grace.get(agentId);
        if (pending) clearTimeout(pending.timer);
        grace.delete(agentId);
        const mine = local.get(agentId);
        if (mine) mine.sockets.add(socket);
        else {
          local.set(agentId, { tenantId: principal.tenantId, sockets: new Set([socket]) });
          // Connected again: a grace begun by any node is moot (and must not outlast this socket).
          graces
            .end(principal.tenantId, agentId)
            .catch((err: unknown) =>
              log.warn({ err: (err as Error).message, agentId }, 'presence: could not end a shared grace'),
            );
          // First tab on this node. Repeats across nodes are harmless: a status is idempotent.
          if (!pending) announce(principal.tenantId, agentId, statusOf(true, socket.data.availability));
        }
        socket.on('disconnect', () => detach(socket));
      }
      // Signals are deltas: a new socket first learns the current state.
      presenceOf(principal.tenantId).then(
        (all) => {
          for (const [id, status] of all) {
            if (status !== 'offline' && socket.connected)
              socket.emit(SOCKET_SIGNAL, presenceSignal(principal.tenantId, id, status));
          }
        },
        (err: unknown) => log.warn({ err: (err as Error).message }, 'presence: initial state failed'),
      );
    },
    presenceOf,
    availabilityChanged(tenantId, agentId, availability) {
      const mine = local.get(agentId);
      if (!mine) return; // not connected here: the node holding its sockets announces it
      // agent.updated also carries an unchanged availability (a rename): nothing to announce.
      if ([...mine.sockets].every((s) => s.data.availability === availability)) return;
      for (const s of mine.sockets) s.data.availability = availability;
      announce(tenantId, agentId, statusOf(true, availability));
    },
    stop() {
      for (const g of grace.values()) clearTimeout(g.timer);
      grace.clear();
      local.clear();
    },
  };
}
