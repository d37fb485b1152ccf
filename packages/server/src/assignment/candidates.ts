// The agents who may take a conversation, with what capacity checks need: members of the channel
// (directly or through a team) or of the routing team, their open load and their capacity.
import type { Queryable } from '../store/db.ts';
import type { Candidate, PresenceStatus } from './policy.ts';

interface CandidateRow {
  id: string;
  name: string;
  availability: PresenceStatus;
  max_open: number | null;
  load: number;
  channel_load: number;
}

/**
 * Reads inside the assignment transaction. The loads come from assignment_load (kept by a trigger),
 * so this is one row per member and agent-channel pair, never a count over conversations.
 */
export async function loadCandidates(
  q: Queryable,
  tenantId: string,
  channelId: string,
  teamId: string | null,
): Promise<Candidate[]> {
  const { rows } = await q.query<CandidateRow>(
    `WITH members AS (
       SELECT agent_id FROM channel_members WHERE $3::uuid IS NULL AND channel_id = $2 AND agent_id IS NOT NULL
       UNION
       SELECT tm.agent_id FROM channel_members cm JOIN team_members tm ON tm.team_id = cm.team_id
       WHERE $3::uuid IS NULL AND cm.channel_id = $2
       UNION
       SELECT agent_id FROM team_members WHERE team_id = $3::uuid
     ), loads AS (
       SELECT l.agent_id, sum(l.open_count)::int AS load,
         COALESCE(sum(l.open_count) FILTER (WHERE l.channel_id = $2), 0)::int AS channel_load
       FROM assignment_load l JOIN members m ON m.agent_id = l.agent_id
       WHERE l.tenant_id = $1 GROUP BY l.agent_id
     )
     SELECT a.id, a.name, a.availability, s.max_open, COALESCE(l.load, 0) AS load,
       COALESCE(l.channel_load, 0) AS channel_load
     FROM members m
     JOIN agents a ON a.id = m.agent_id AND a.tenant_id = $1 AND NOT a.disabled AND a.role <> 'bot'
     LEFT JOIN assignment_agents s ON s.agent_id = a.id
     LEFT JOIN loads l ON l.agent_id = a.id`,
    [tenantId, channelId, teamId],
  );
  return rows.map((r) => ({
    agentId: r.id,
    name: r.name,
    load: r.load,
    channelLoad: r.channel_load,
    maxOpen: r.max_open,
    presence: r.availability,
  }));
}

/**
 * Locks the agent's capacity row (creating it on first use) and reads their load afresh. Two
 * processes choosing the same agent take turns here, and the second sees the first's assignment,
 * because the load counter moves in the same transaction as the conversation.
 */
export async function lockAgentLoad(
  q: Queryable,
  tenantId: string,
  agentId: string,
  channelId: string,
): Promise<{ maxOpen: number | null; load: number; channelLoad: number }> {
  const locked = await q.query<{ max_open: number | null }>(
    `INSERT INTO assignment_agents AS s (agent_id, tenant_id) VALUES ($1, $2)
     ON CONFLICT (agent_id) DO UPDATE SET agent_id = s.agent_id RETURNING s.max_open`,
    [agentId, tenantId],
  );
  const { rows } = await q.query<{ load: number; channel_load: number }>(
    `SELECT COALESCE(sum(open_count), 0)::int AS load,
       COALESCE(sum(open_count) FILTER (WHERE channel_id = $2), 0)::int AS channel_load
     FROM assignment_load WHERE agent_id = $1`,
    [agentId, channelId],
  );
  return {
    maxOpen: locked.rows[0]?.max_open ?? null,
    load: rows[0]?.load ?? 0,
    channelLoad: rows[0]?.channel_load ?? 0,
  };
}
