// What the signed-in agent may see follows its role, teams and channels. When one of them changes
// the server moves the agent's sockets to new rooms but logs nothing per conversation (no hidden
// entry, no visibleToYou), so a new snapshot is the only way to learn what was gained or lost.
import type { LooseEntity } from './entity-state.ts';
import type { LogEntry } from './protocol.ts';
import type { Transport } from './transport.ts';

/** The `agent.updated` fields that change which conversations the agent may see. */
export const SIGHT_FIELDS = ['role', 'teamIds', 'channelIds'] as const;

export function changesSightOf(agentId: string, entry: LogEntry): boolean {
  return (
    entry.type === 'agent.updated' &&
    entry.entityId === agentId &&
    SIGHT_FIELDS.some((f) => entry.data[f] !== undefined)
  );
}

/**
 * The agent's teams now, for a (re-)snapshot: a re-snapshot skips the log entries up to its cursor,
 * the agent's own `agent.updated` among them. Read after the snapshot's lists, so it reflects every
 * change their cursor does. Null when the principal is no agent (an integration token) or the
 * server will not say; offline, it throws like the lists.
 */
export async function fetchTeamIds(transport: Transport, agentId: string): Promise<string[] | null> {
  const res = await transport.request('GET', `/api/v1/agents/${encodeURIComponent(agentId)}`);
  const teamIds = (res.body as { teamIds?: unknown } | null)?.teamIds;
  if (res.status !== 200 || !Array.isArray(teamIds) || !teamIds.every((t) => typeof t === 'string'))
    return null;
  return teamIds;
}

/**
 * The agent's teams as the log last reported them, else as the session gave them at start: the
 * team view must filter by the teams the server's snapshot used, or rows it sent are hidden again.
 */
export function teamIdsOf(agent: LooseEntity | undefined, atStart: readonly string[]): readonly string[] {
  const t = agent?.['teamIds'];
  if (t === null) return [];
  return Array.isArray(t) && t.every((x) => typeof x === 'string') ? t : atStart;
}
