// Rooms follow membership. A socket's rooms say what it may see (socket-server.ts, roomsFor); they
// are decided at the handshake, and an agent's role, teams and channels change while it is
// connected. Such a change is logged as agent.updated with one of ACCESS_FIELDS; every node's relay
// sees the entry and, before relaying the next one, gives that agent's sockets on this node the
// rooms of its sight now. So no later entry reaches a socket through a room it has lost, nor
// misses one it has gained.
import { canSee, loadVisibility } from '../auth/visibility.ts';
import type { StoredEntry } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';
import { parseRoom } from './room-names.ts';
import { type ParleySocket, roomsFor } from './socket-server.ts';

/** agent.updated fields that change what the agent may see. */
export const ACCESS_FIELDS = ['role', 'teamIds', 'channelIds'] as const;

export const changesAccess = (e: Pick<StoredEntry, 'type' | 'data'>): boolean =>
  e.type === 'agent.updated' && ACCESS_FIELDS.some((f) => f in e.data);

/** The conversation a typing room is for; null for every other room. */
const watchedConversation = (room: string): string | null => {
  const r = parseRoom(room);
  return r?.kind === 'conv' ? r.id : null;
};

/** Rooms that come from the principal's sight, as roomsFor names them. */
const isSightRoom = (room: string): boolean => {
  const kind = parseRoom(room)?.kind;
  return kind === 'c' || kind === 'tm' || kind === 'all';
};

/**
 * Reloads the agent's role and sight and moves these sockets (all of one agent) to the rooms they
 * give; typing rooms of conversations now out of sight are left. A disabled agent's sockets close.
 */
export async function refreshAccess(
  db: Queryable,
  agentId: string,
  sockets: readonly ParleySocket[],
): Promise<void> {
  const first = sockets[0];
  if (!first) return;
  const { rows } = await db.query<{ role: ParleySocket['data']['principal']['role']; disabled: boolean }>(
    'SELECT role, disabled FROM agents WHERE id = $1',
    [agentId],
  );
  const agent = rows[0];
  if (!agent || agent.disabled) {
    for (const s of sockets) s.disconnect(true);
    return;
  }
  const principal = { ...first.data.principal, role: agent.role };
  const visibility = await loadVisibility(db, principal);
  const want = new Set(roomsFor(principal, visibility));
  const watched = new Set(sockets.flatMap((s) => [...s.rooms].flatMap((r) => watchedConversation(r) ?? [])));
  const visible = await visibleConversations(db, principal.tenantId, [...watched], visibility);
  for (const s of sockets) {
    s.data.principal = { ...s.data.principal, role: agent.role };
    s.data.visibility = visibility;
    for (const room of [...s.rooms]) {
      const conversationId = watchedConversation(room);
      const lost = conversationId ? !visible.has(conversationId) : isSightRoom(room) && !want.has(room);
      if (lost) void s.leave(room);
    }
    const gained = [...want].filter((r) => !s.rooms.has(r));
    // The in-memory and Redis adapters join synchronously for local sockets.
    if (gained.length > 0) void s.join(gained);
  }
}

/** The version of the agent's row: every logged change of the agent moves it. */
export async function agentVersion(db: Queryable, agentId: string): Promise<number | null> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM agents WHERE id = $1', [agentId]);
  return rows[0]?.version ?? null;
}

/**
 * For a socket that has just joined its rooms. Its sight was read during the handshake; a change
 * committed and relayed between that read and the join found the socket in none of the agent's
 * rooms, so nothing moved it. The agent's version tells: if it moved since the handshake, the
 * socket's rooms are computed again. A change after this check finds the socket in its rooms.
 */
export async function settleAccess(db: Queryable, socket: ParleySocket): Promise<boolean> {
  const { agentId } = socket.data.principal;
  if (!agentId) return false;
  const now = await agentVersion(db, agentId);
  if (now === socket.data.agentVersion) return false;
  socket.data.agentVersion = now;
  await refreshAccess(db, agentId, [socket]);
  return true;
}

async function visibleConversations(
  db: Queryable,
  tenantId: string,
  ids: string[],
  visibility: ParleySocket['data']['visibility'],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{
    id: string;
    channel_id: string;
    assignee_id: string | null;
    team_id: string | null;
  }>(
    'SELECT id, channel_id, assignee_id, team_id FROM conversations WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
    [tenantId, ids],
  );
  return new Set(
    rows
      .filter((c) =>
        canSee(visibility, { channelId: c.channel_id, agentId: c.assignee_id, teamId: c.team_id }),
      )
      .map((c) => c.id),
  );
}
