// The realtime role of one process: Socket.IO at /realtime (with the Redis adapter in scale mode),
// the relay from the event log, live presence, and the event log's retention.
import type { Server as HttpServer } from 'node:http';
import { PRESENCE_STATUSES } from '@parley/sync';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { AppContext } from '../app-context.ts';
import type { StoredEntry } from '../events/event-log.ts';
import { createRetention } from '../events/retention.ts';
import type { Service } from '../services/service.ts';
import { changesAccess, refreshAccess } from './access-refresh.ts';
import { revokeConversationRoom } from './conversation-rooms.ts';
import { createCredentialCheck } from './credential-check.ts';
import type { Presence } from './presence.ts';
import { createInProcessGraceStore, createRedisGraceStore } from './presence-grace.ts';
import { attachRedisAdapter } from './redis-adapter.ts';
import { createRelay } from './relay.ts';
import { agentRoom, conversationRoom } from './room-names.ts';
import { createSocketServer, localSockets } from './socket-server.ts';

export interface RealtimeRole {
  io: Server;
  presence: Presence;
  services: Service[];
  /** Closes the adapter's connections, after io.close(). */
  closeAdapter(): void;
}

type RealtimeContext = Pick<AppContext, 'config' | 'db' | 'pubsub' | 'prefix' | 'metrics' | 'log'>;

export function createRealtimeRole(
  ctx: RealtimeContext,
  http: HttpServer,
  tuning: { sweepMs?: number; credentialCheckMs?: number } = {},
): RealtimeRole {
  const scale = ctx.config.mode === 'scale';
  const redis = scale ? new Redis(ctx.config.REDIS_URL!) : null;
  const { io, presence } = createSocketServer({
    http,
    db: ctx.db,
    metrics: ctx.metrics,
    log: ctx.log,
    presenceGraceMs: ctx.config.PARLEY_PRESENCE_GRACE_MS,
    publicUrl: ctx.config.PARLEY_PUBLIC_URL,
    presenceGraces: redis ? createRedisGraceStore(redis, ctx.prefix) : createInProcessGraceStore(),
  });
  const detachAdapter = scale ? attachRedisAdapter(io, ctx.config.REDIS_URL!, ctx.prefix) : () => {};
  const closeAdapter = () => {
    detachAdapter();
    redis?.disconnect();
  };

  const onEntry = (e: StoredEntry): Promise<void> | undefined => {
    if (e.type === 'agent.updated') {
      // A disabled agent's open sockets go at once, on every node (each relay sees the entry).
      if (e.data['disabled'] === true) {
        io.local.in(agentRoom(e.tenantId, e.entityId)).disconnectSockets(true);
        return undefined;
      }
      const availability = e.data['availability'];
      if (PRESENCE_STATUSES.some((s) => s === availability))
        presence.availabilityChanged(
          e.tenantId,
          e.entityId,
          availability as (typeof PRESENCE_STATUSES)[number],
        );
      const mine = localSockets(io, agentRoom(e.tenantId, e.entityId));
      if (changesAccess(e) && mine.length > 0) return refreshAccess(ctx.db, e.entityId, mine);
    } else if (e.type === 'conversation.updated') {
      revokeConversationRoom(
        localSockets(io, conversationRoom(e.tenantId, e.entityId)),
        e.tenantId,
        e.entityId,
        e.scope,
      );
    }
    return undefined;
  };

  const services: Service[] = [
    createRelay({
      io,
      db: ctx.db,
      pubsub: ctx.pubsub,
      prefix: ctx.prefix,
      metrics: ctx.metrics,
      log: ctx.log,
      onEntry,
      sweepMs: tuning.sweepMs,
    }),
    createCredentialCheck({
      io,
      db: ctx.db,
      pubsub: ctx.pubsub,
      prefix: ctx.prefix,
      log: ctx.log,
      intervalMs: tuning.credentialCheckMs,
    }),
    createRetention({ db: ctx.db, log: ctx.log, retentionDays: ctx.config.PARLEY_EVENT_RETENTION_DAYS }),
    {
      name: 'presence',
      async start() {},
      async stop() {
        presence.stop();
      },
    },
  ];
  return { io, presence, services, closeAdapter };
}
