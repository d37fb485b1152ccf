// Who sees which conversation (CONTRACTS "Who may see what"): owners and admins see all of their
// tenant; an agent sees the conversations of channels they are a member of (directly or through a
// team), those assigned to one of their teams, and any assigned to them.
import type { Queryable } from '../store/db.ts';
import { isAdmin, type Principal } from './principal.ts';

export interface Visibility {
  all: boolean;
  agentId: string | null;
  channelIds: Set<string>;
  teamIds: Set<string>;
  /**
   * Whether entries without a scope (the team directory: agents' names, emails, roles) are shown.
   * A bot sees only the conversations it holds; staff details are not its business.
   */
  directory?: boolean;
}

export async function loadVisibility(q: Queryable, p: Principal): Promise<Visibility> {
  if (isAdmin(p) || !p.agentId) {
    // Integration tokens with the agent role see nothing agent-scoped; admin roles see everything.
    return {
      all: isAdmin(p),
      agentId: p.agentId,
      channelIds: new Set(),
      teamIds: new Set(),
      directory: p.role !== 'bot',
    };
  }
  const teams = await q.query<{ team_id: string }>('SELECT team_id FROM team_members WHERE agent_id = $1', [
    p.agentId,
  ]);
  const teamIds = teams.rows.map((r) => r.team_id);
  const channels = await q.query<{ channel_id: string }>(
    `SELECT DISTINCT channel_id FROM channel_members m JOIN channels c ON c.id = m.channel_id
     WHERE c.tenant_id = $1 AND (m.agent_id = $2 OR m.team_id = ANY($3::uuid[]))`,
    [p.tenantId, p.agentId, teamIds],
  );
  return {
    all: false,
    agentId: p.agentId,
    channelIds: new Set(channels.rows.map((r) => r.channel_id)),
    teamIds: new Set(teamIds),
    directory: p.role !== 'bot',
  };
}

/** Whether an event-log entry with this scope may be shown in full. */
export function canSee(
  v: Visibility,
  scope: { channelId: string | null; agentId: string | null; teamId: string | null },
): boolean {
  if (v.all) return true;
  if (!scope.channelId && !scope.agentId && !scope.teamId) return v.directory !== false;
  return (
    (scope.agentId !== null && scope.agentId === v.agentId) ||
    (scope.channelId !== null && v.channelIds.has(scope.channelId)) ||
    (scope.teamId !== null && v.teamIds.has(scope.teamId))
  );
}

/** SQL condition over conversations aliased `c`, with parameters starting at $from. */
export function visibleConversationsSql(v: Visibility, from: number): { sql: string; params: unknown[] } {
  if (v.all) return { sql: 'TRUE', params: [] };
  return {
    sql: `(c.assignee_id = $${from} OR c.channel_id = ANY($${from + 1}::uuid[]) OR c.team_id = ANY($${from + 2}::uuid[]))`,
    params: [v.agentId, [...v.channelIds], [...v.teamIds]],
  };
}
