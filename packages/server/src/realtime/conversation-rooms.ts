// Client-driven rooms for open conversations, used only for typing indicators (log entries reach
// sockets through their principal's rooms, never through these). Every join is authorised against
// the database at the moment of the join: a client names a conversation, the server decides.
import {
  CLIENT_SUBSCRIBE,
  CLIENT_TYPING,
  CLIENT_UNSUBSCRIBE,
  type Signal,
  SOCKET_SIGNAL,
} from '@parley/sync';
import { z } from 'zod';
import { canSee, loadVisibility } from '../auth/visibility.ts';
import { ParleyError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { Queryable } from '../store/db.ts';
import { loadConversation } from '../store/entities.ts';
import { conversationRoom } from './room-names.ts';
import type { ParleySocket } from './socket-server.ts';

/** At most one typing signal per socket per conversation in this window. */
export const TYPING_THROTTLE_MS = 2000;

export type Ack = { ok: true; throttled?: boolean } | { ok: false; error: { code: string; message: string } };

const RefSchema = z.object({ conversationId: z.uuid({ message: 'expected { conversationId: <uuid> }' }) });

export interface ConversationRoomOptions {
  db: Queryable;
  log: Logger;
  now?: () => number;
}

const refuse = (err: ParleyError): Ack => ({ ok: false, error: err.toBody().error });

export function handleConversationRooms(socket: ParleySocket, opts: ConversationRoomOptions): void {
  const now = opts.now ?? Date.now;
  const lastTyping = new Map<string, number>();

  /** Runs a handler for a client event whose last argument may be an ack callback. */
  const on = (event: string, handle: (conversationId: string) => Promise<Ack> | Ack) => {
    socket.on(event, (...args: unknown[]) => {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as (a: Ack) => void) : () => undefined;
      const ref = RefSchema.safeParse(args[0]);
      if (!ref.success) {
        ack(refuse(new ParleyError('PARLEY_ERR_VALIDATION', ref.error.issues[0]?.message)));
        return;
      }
      Promise.resolve(handle(ref.data.conversationId)).then(ack, (err: unknown) => {
        opts.log.error({ err: (err as Error).message, event }, 'realtime: client event failed');
        ack(refuse(new ParleyError('PARLEY_ERR_UNAVAILABLE')));
      });
    });
  };

  on(CLIENT_SUBSCRIBE, async (conversationId) => {
    const { principal } = socket.data;
    const c = await loadConversation(opts.db, principal.tenantId, conversationId);
    // Memberships change while a socket is open: decide on fresh visibility, and keep it.
    const vis = await loadVisibility(opts.db, principal);
    socket.data.visibility = vis;
    if (!c || !canSee(vis, { channelId: c.channelId, agentId: c.assigneeId, teamId: c.teamId })) {
      // The same answer for "another tenant's" and "not yours": ids leak nothing.
      return refuse(
        new ParleyError('PARLEY_ERR_NOT_FOUND', 'No conversation with this id is visible to you'),
      );
    }
    await socket.join(conversationRoom(principal.tenantId, conversationId));
    return { ok: true };
  });

  on(CLIENT_UNSUBSCRIBE, async (conversationId) => {
    await socket.leave(conversationRoom(socket.data.principal.tenantId, conversationId));
    lastTyping.delete(conversationId);
    return { ok: true };
  });

  on(CLIENT_TYPING, (conversationId) => {
    const { principal } = socket.data;
    const room = conversationRoom(principal.tenantId, conversationId);
    if (!principal.agentId)
      return refuse(
        new ParleyError('PARLEY_ERR_FORBIDDEN', 'Only agents type: this token acts for no agent'),
      );
    if (!socket.rooms.has(room))
      return refuse(
        new ParleyError('PARLEY_ERR_FORBIDDEN', 'Subscribe to this conversation before typing in it'),
      );
    const at = now();
    const prev = lastTyping.get(conversationId);
    if (prev !== undefined && at - prev < TYPING_THROTTLE_MS) return { ok: true, throttled: true };
    lastTyping.set(conversationId, at);
    const signal: Signal = {
      tenantId: principal.tenantId,
      type: 'typing',
      data: { conversationId, agentId: principal.agentId, at: new Date(at).toISOString() },
    };
    // socket.to: every socket in the room on every node, except this one.
    socket.to(room).emit(SOCKET_SIGNAL, signal);
    return { ok: true };
  });
}

/**
 * After a logged change to a conversation, sockets of this node that may no longer see it leave
 * its room (a transfer), so they stop hearing its typing. Log entries never used the room.
 */
export function revokeConversationRoom(
  sockets: Iterable<ParleySocket>,
  tenantId: string,
  conversationId: string,
  scope: { channelId: string | null; agentId: string | null; teamId: string | null },
): void {
  for (const s of sockets) {
    if (!canSee(s.data.visibility, scope)) void s.leave(conversationRoom(tenantId, conversationId));
  }
}
