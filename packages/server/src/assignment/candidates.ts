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

// Two statements rather than one with "$3 IS NULL OR …": each gets a plan that fits.
const CHANNEL_MEMBERS = `
       SELECT agent_id FROM channel_members WHERE channel_id = $2 AND agent_id IS NOT NULL
       UNION
       SELECT tm.agent_id FROM channel_members cm JOIN team_members tm ON tm.team_id = cm.team_id WHERE cm.channel_id = $2`;
const TEAM_MEMBERS = `
       SELECT agent_id FROM team_members WHERE team_id = $5::uuid`;

/** Which members to read: all of them, or the first few of the ring after the round-robin pointer. */
export type CandidateSlice = { all: true } | { after: string | null; limit: number };

/**
 * Reads inside the assignment transaction. The loads come from assignment_load (kept by a trigger):
 * one index probe per member read, never a count over conversations. Round robin reads only the
 * start of the ring after its pointer: the first eligible agent there is the first in the ring.
 */
export async function loadCandidates(
  q: Queryable,
  tenantId: string,
  channelId: string,
  teamId: string | null,
  slice: CandidateSlice = { all: true },
): Promise<Candidate[]> {
  const ring = 'all' in slice ? { after: null, limit: null } : slice;
  const { rows } = await q.query<CandidateRow>(
    `WITH members AS (${teamId === null ? CHANNEL_MEMBERS : TEAM_MEMBERS}
     ), ring AS (
       SELECT a.id, a.name, a.availability FROM members m
       JOIN agents a ON a.id = m.agent_id AND a.tenant_id = $1 AND NOT a.disabled AND a.role <> 'bot'
       ORDER BY COALESCE(a.id <= $3::uuid, false), a.id LIMIT $4
     )
     SELECT r.id, r.name, r.availability, s.max_open, COALESCE(l.load, 0)::int AS load,
       COALESCE(l.channel_load, 0)::int AS channel_load
     FROM ring r
     LEFT JOIN assignment_agents s ON s.agent_id = r.id
     LEFT JOIN LATERAL (
       SELECT sum(open_count) AS load, sum(open_count) FILTER (WHERE channel_id = $2) AS channel_load
       FROM assignment_load WHERE agent_id = r.id
     ) l ON true`,
    [tenantId, channelId, ring.after, ring.limit, ...(teamId === null ? [] : [teamId])],
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
  // A row lock, not an upsert: locking writes less than a new row version on every decision.
  const lock = () =>
    q.query<{ max_open: number | null }>(
      'SELECT max_open FROM assignment_agents WHERE agent_id = $1 FOR UPDATE',
      [agentId],
    );
  let locked = await lock();
  if (!locked.rows[0]) {
    await q.query(
      'INSERT INTO assignment_agents (agent_id, tenant_id) VALUES ($1, $2) ON CONFLICT (agent_id) DO NOTHING',
      [agentId, tenantId],
    );
    locked = await lock();
  }
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
