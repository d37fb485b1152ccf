// A socket lives only as long as the credential it was opened with. The handshake checked it once;
// after a logout, a revoked token, a password change or an expiry the socket must close. Revocations
// are announced (auth/revocation.ts) so the sockets go at once; a periodic check of every socket
// of this node is the truth behind that hint, and the only path for an expired session.
import type { Server } from 'socket.io';
import { liveCredentials } from '../auth/credentials.ts';
import { type Revocation, revocationChannel } from '../auth/revocation.ts';
import type { Logger } from '../log/logger.ts';
import type { PubSub, Unsubscribe } from '../pubsub/port.ts';
import { createPeriodicTask } from '../services/periodic-task.ts';
import type { Service } from '../services/service.ts';
import type { Queryable } from '../store/db.ts';
import { agentRoom, tenantRoom } from './room-names.ts';
import { localSockets, type ParleySocket } from './socket-server.ts';

export const CREDENTIAL_CHECK_MS = 60_000;

export interface CredentialCheckOptions {
  io: Server;
  db: Queryable;
  pubsub: PubSub;
  prefix: string;
  log: Logger;
  intervalMs?: number;
}

/** Closes those of these sockets whose credential no longer authenticates. */
export async function closeRevoked(db: Queryable, sockets: readonly ParleySocket[]): Promise<number> {
  if (sockets.length === 0) return 0;
  const of = (kind: 'session' | 'token') =>
    sockets.flatMap((s) => (s.data.credential.kind === kind ? [s.data.credential.hash] : []));
  const live = await liveCredentials(db, { sessions: of('session'), tokens: of('token') });
  let closed = 0;
  for (const s of sockets) {
    if (live.has(s.data.credential.hash) || !s.connected) continue;
    // A server-side disconnect: Socket.IO clients do not retry it on their own, and a retry would
    // be refused (connect_error `unauthenticated`), which is the answer a logged-out client needs.
    s.disconnect(true);
    closed += 1;
  }
  return closed;
}

export function createCredentialCheck(opts: CredentialCheckOptions): Service {
  const { io, db, log } = opts;
  let unsubscribe: Unsubscribe | null = null;

  const recheck = (who: Revocation) => {
    const sockets = who.agentId
      ? localSockets(io, agentRoom(who.tenantId, who.agentId))
      : localSockets(io, tenantRoom(who.tenantId)).filter((s) => s.data.principal.agentId === null);
    closeRevoked(db, sockets).catch((err: unknown) =>
      log.warn(
        { err: (err as Error).message, ...who },
        'realtime: credential re-check failed; the next periodic check retries',
      ),
    );
  };

  // Its own failures are logged here, as warnings: the next run retries.
  const sweep = createPeriodicTask(
    'credential-check',
    opts.intervalMs ?? CREDENTIAL_CHECK_MS,
    async () => {
      const all = [...io.of('/').sockets.values()] as ParleySocket[];
      try {
        const n = await closeRevoked(db, all);
        if (n > 0) log.info({ closed: n }, 'realtime: closed sockets whose credentials ended');
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'realtime: periodic credential check failed');
      }
    },
    log,
  );

  return {
    name: 'credential-check',
    async start() {
      unsubscribe = await opts.pubsub.subscribe(revocationChannel(opts.prefix), (message) => {
        try {
          recheck(JSON.parse(message) as Revocation);
        } catch (err) {
          log.warn({ err: (err as Error).message, message }, 'realtime: unreadable revocation ignored');
        }
      });
      await sweep.start();
    },
    async stop() {
      await sweep.stop();
      await unsubscribe?.();
    },
  };
}
