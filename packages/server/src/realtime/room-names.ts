// Every Socket.IO room is named inside its tenant: `t:<tenant>`, `t:<tenant>:a:<agent>`,
// `t:<tenant>:c:<channel>`, `t:<tenant>:tm:<team>`, `t:<tenant>:conv:<conversation>`,
// `t:<tenant>:all` and `t:<tenant>:staff`. An entry is sent only to rooms of its own tenant, so even a row that named
// another tenant's agent, team or channel (020_tenant_keys.sql refuses them; an old one might
// linger) routes nowhere outside the tenant. Every room name is made here and nowhere else.
import type { EntryScope } from '../events/event-log.ts';

export const tenantRoom = (tenantId: string): string => `t:${tenantId}`;
/** Owners and admins: they see every entry of the tenant in full. */
export const allRoom = (tenantId: string): string => `t:${tenantId}:all`;
/** Everyone of the tenant but bots: entries without a scope (the team directory) go here. */
export const staffRoom = (tenantId: string): string => `t:${tenantId}:staff`;
export const agentRoom = (tenantId: string, agentId: string): string => `t:${tenantId}:a:${agentId}`;
export const channelRoom = (tenantId: string, channelId: string): string => `t:${tenantId}:c:${channelId}`;
export const teamRoom = (tenantId: string, teamId: string): string => `t:${tenantId}:tm:${teamId}`;
/** Joined on request (typing indicators only; log entries never use it). */
export const conversationRoom = (tenantId: string, conversationId: string): string =>
  `t:${tenantId}:conv:${conversationId}`;

export type RoomKind = 'all' | 'staff' | 'a' | 'c' | 'tm' | 'conv';

/** A room's tenant, kind and id; null for the tenant room itself and for names not made here. */
export function parseRoom(room: string): { tenantId: string; kind: RoomKind; id: string | null } | null {
  const m = /^t:([^:]+):(all|staff|a|c|tm|conv)(?::(.+))?$/.exec(room);
  if (!m) return null;
  return { tenantId: m[1]!, kind: m[2] as RoomKind, id: m[3] ?? null };
}

/** The rooms an entry of this scope goes to in full. */
export const scopeRooms = (tenantId: string, scope: EntryScope): string[] => [
  allRoom(tenantId),
  ...(scope.channelId ? [channelRoom(tenantId, scope.channelId)] : []),
  ...(scope.agentId ? [agentRoom(tenantId, scope.agentId)] : []),
  ...(scope.teamId ? [teamRoom(tenantId, scope.teamId)] : []),
  // A transfer also reaches who saw the conversation through its previous assignee or team.
  ...(scope.extraAgentId ? [agentRoom(tenantId, scope.extraAgentId)] : []),
  ...(scope.extraTeamId ? [teamRoom(tenantId, scope.extraTeamId)] : []),
];
