// Writing one assignment decision: the conversation, the round-robin pointer, the waiting list,
// the reason, the audit row and the event, in as few statements as the decision allows.
import type { NewEntry } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';
import type { AssignOutcome, Trigger } from './assign-conversation.ts';
import type { Decision } from './policy.ts';
import type { ChannelRules } from './settings.ts';

export interface Scope {
  kind: 'channel' | 'team';
  id: string;
  /** The team the conversation belongs to after the decision. */
  teamId: string | null;
  policy: ChannelRules['policy'];
  onlineOnly: boolean;
}

/** The conversation as locked for the decision. */
export interface Locked {
  channel_id: string;
  team_id: string | null;
  status: string;
  assignee_id: string | null;
  others_waiting: boolean;
  /** Its own reason to wait, when it is in the waiting list already. */
  waiting_reason: string | null;
}

export const scopeTable = (s: Scope) =>
  s.kind === 'channel'
    ? { table: 'assignment_channels', key: 'channel_id' }
    : { table: 'assignment_teams', key: 'team_id' };

export interface DecisionContext {
  tenantId: string;
  conversationId: string;
  trigger: Trigger;
  scope: Scope;
}

/** Writes the decision: conversation, pointer, waiting list, reason, audit row and event. */
export async function record(
  q: Queryable,
  p: DecisionContext,
  conv: Locked,
  decision: Decision,
  entries: NewEntry[],
): Promise<AssignOutcome> {
  const { scope } = p;
  const agentId =
    decision.kind === 'assign' ? decision.agentId : decision.kind === 'manual' ? conv.assignee_id : null;
  const teamId = scope.teamId;
  const changed = agentId !== conv.assignee_id || teamId !== conv.team_id;
  // A choice made because an agent moved the conversation to a team says so; reasons to wait stay
  // as they are, the waiting list's own vocabulary.
  const reason =
    p.trigger === 'transferred' && decision.kind === 'assign'
      ? `transferred: ${decision.reason}`
      : decision.reason;
  const details = {
    reason,
    trigger: p.trigger,
    policy: scope.policy,
    scope: scope.kind,
    agentId,
  };
  const movePointer = decision.kind === 'assign' && decision.via !== 'sticky';
  const { table, key } = scopeTable(scope);
  const params = [p.conversationId, p.tenantId, agentId, teamId, reason, JSON.stringify(details), changed];
  if (decision.kind !== 'wait') {
    // One statement: a decision costs round trips, and these writes never depend on each other.
    await q.query(
      `WITH moved AS (
         UPDATE conversations SET assignee_id = $3, team_id = $4, updated_at = now() WHERE id = $1 AND $7
       ), unlisted AS (
         DELETE FROM assignment_waiting WHERE conversation_id = $1
       ), why AS (
         INSERT INTO conversation_assignments (conversation_id, tenant_id, agent_id, reason)
         SELECT $1, $2, $3, $5 WHERE $3::uuid IS NOT NULL
         ON CONFLICT (conversation_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, reason = EXCLUDED.reason, decided_at = now()
       ), audited AS (
         INSERT INTO audit_log (tenant_id, actor_id, action, target, details)
         SELECT $2, NULL, 'conversation.auto_assigned', 'conversation:' || $1, $6::jsonb WHERE $3::uuid IS NOT NULL AND $8
       ), pointer AS (
         UPDATE ${table} SET rr_pointer = $3 WHERE ${key} = $9 AND $8 AND $10
       )
       SELECT 1`,
      [...params, decision.kind === 'assign', scope.id, movePointer],
    );
  } else {
    const { rows } = await q.query<{ previous: string | null }>(
      `WITH moved AS (
         UPDATE conversations SET assignee_id = NULL, team_id = $4, updated_at = now() WHERE id = $1 AND $6
       ), old AS (SELECT reason FROM assignment_waiting WHERE conversation_id = $1)
       INSERT INTO assignment_waiting (conversation_id, tenant_id, channel_id, reason) VALUES ($1, $2, $3, $5)
       ON CONFLICT (conversation_id) DO UPDATE SET reason = EXCLUDED.reason
       RETURNING (SELECT reason FROM old) AS previous`,
      [p.conversationId, p.tenantId, conv.channel_id, teamId, decision.reason, changed],
    );
    // The audit log records each new reason to wait, not every retry of the same one.
    if (rows[0]?.previous !== decision.reason)
      await q.query(
        `WITH why AS (
           INSERT INTO conversation_assignments (conversation_id, tenant_id, agent_id, reason) VALUES ($1, $2, NULL, $3)
           ON CONFLICT (conversation_id) DO UPDATE SET agent_id = NULL, reason = EXCLUDED.reason, decided_at = now()
         )
         INSERT INTO audit_log (tenant_id, actor_id, action, target, details)
         VALUES ($2, NULL, 'conversation.waiting', 'conversation:' || $1, $4::jsonb)`,
        [p.conversationId, p.tenantId, decision.reason, JSON.stringify(details)],
      );
  }
  if (changed)
    entries.push({
      type: 'conversation.updated',
      entityId: p.conversationId,
      data: { assigneeId: agentId, teamId },
      scope: {
        channelId: conv.channel_id,
        agentId,
        teamId,
        // Whoever saw it through its previous assignee or team learns it went away.
        extraAgentId: conv.assignee_id !== agentId ? conv.assignee_id : null,
        extraTeamId: conv.team_id !== teamId ? conv.team_id : null,
      },
    });
  if (decision.kind === 'assign')
    return { kind: changed ? 'assigned' : 'kept', agentId: decision.agentId, reason };
  return decision.kind === 'manual'
    ? { kind: 'manual', reason: decision.reason }
    : { kind: 'waiting', reason: decision.reason };
}
