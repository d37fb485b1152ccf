// One automatic assignment decision, in one transaction, with its event and audit row.
//
// Atomicity lives in the database (STYLE: "put atomicity where the data is"): the scope's row
// (assignment_channels or assignment_teams) is locked FOR UPDATE first, so decisions in one
// channel take turns across processes and the round-robin pointer moves in order; the
// conversation row is locked next and re-checked, so it is never assigned twice; the chosen
// agent's capacity row is locked last and their load re-read, so capacity holds across channels.
// Lock order is always scope → conversation → agent → tenant counter (commitChanges), so two
// assigners never wait on each other in a circle.
import { commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import type { Logger } from '../log/logger.ts';
import type { PubSub } from '../pubsub/port.ts';
import type { IngestQueue } from '../queue/port.ts';
import type { Db, Queryable } from '../store/db.ts';
import { queueAutoReply } from './auto-reply.ts';
import { closedPeriodKey, isWithinHours } from './business-hours.ts';
import { loadCandidates, lockAgentLoad } from './candidates.ts';
import { type Candidate, type Decision, decide } from './policy.ts';
import type { PresenceSource } from './presence-source.ts';
import { type ChannelRules, channelRulesOf, type TeamRules, teamRulesOf } from './settings.ts';

export interface AssignmentDeps {
  db: Db;
  pubsub: PubSub;
  prefix: string;
  log: Logger;
  /** Live presence for "online only"; absent: each agent's chosen availability. */
  presence?: PresenceSource;
  /** The outbound queue, for auto-replies; absent: the reply is stored and sent on its next enqueue. */
  outbound?: IngestQueue;
  now?: () => Date;
}

/** Why a decision is being made. */
export type Trigger = 'created' | 'reopened' | 'message' | 'waiting';

export interface AssignOutcome {
  kind: 'assigned' | 'waiting' | 'manual' | 'kept' | 'skipped';
  agentId?: string;
  reason: string;
}

interface ConversationHead {
  channel_id: string;
  team_id: string | null;
  status: string;
  assignee_id: string | null;
  contact_id: string;
}

const MAX_RETRIES = 8;

/**
 * Two assigners that each found their first choice full may lock two agents in opposite orders;
 * PostgreSQL then aborts one (deadlock_detected). The decision is idempotent, so run it again.
 */
async function retryOnDeadlock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw err;
    }
  }
}

async function headOf(
  q: Queryable,
  tenantId: string,
  id: string,
  lock: boolean,
): Promise<ConversationHead | null> {
  const { rows } = await q.query<ConversationHead>(
    `SELECT channel_id, team_id, status, assignee_id, contact_id FROM conversations
     WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** The agent who last answered this contact (any channel) within the window, if any. */
async function stickyAgent(
  q: Queryable,
  tenantId: string,
  contactId: string,
  days: number,
): Promise<string | null> {
  if (days <= 0) return null;
  const { rows } = await q.query<{ author_id: string }>(
    `SELECT m.author_id FROM conversations c JOIN messages m ON m.conversation_id = c.id
     WHERE c.tenant_id = $1 AND c.contact_id = $2 AND m.direction = 'out' AND m.author_id IS NOT NULL
       AND m.created_at > now() - make_interval(days => $3)
     ORDER BY m.created_at DESC LIMIT 1`,
    [tenantId, contactId, days],
  );
  return rows[0]?.author_id ?? null;
}

interface Scope {
  kind: 'channel' | 'team';
  id: string;
  teamId: string | null;
  policy: ChannelRules['policy'];
  onlineOnly: boolean;
}

/** Locks the scope's row, creating it on first use, and returns its round-robin pointer. */
async function lockScope(q: Queryable, tenantId: string, scope: Scope): Promise<string | null> {
  const table = scope.kind === 'channel' ? 'assignment_channels' : 'assignment_teams';
  const key = scope.kind === 'channel' ? 'channel_id' : 'team_id';
  await q.query(`INSERT INTO ${table} (${key}, tenant_id) VALUES ($1, $2) ON CONFLICT (${key}) DO NOTHING`, [
    scope.id,
    tenantId,
  ]);
  const { rows } = await q.query<{ rr_pointer: string | null }>(
    `SELECT rr_pointer FROM ${table} WHERE ${key} = $1 FOR UPDATE`,
    [scope.id],
  );
  return rows[0]?.rr_pointer ?? null;
}

async function movePointer(q: Queryable, scope: Scope, pointer: string | null): Promise<void> {
  const table = scope.kind === 'channel' ? 'assignment_channels' : 'assignment_teams';
  const key = scope.kind === 'channel' ? 'channel_id' : 'team_id';
  await q.query(`UPDATE ${table} SET rr_pointer = $2 WHERE ${key} = $1`, [scope.id, pointer]);
}

async function readRules(q: Queryable, channelId: string, teamId: string | null) {
  const { rows } = await q.query<{ kind: 'channel' | 'team'; settings: unknown }>(
    `SELECT 'channel' AS kind, settings FROM assignment_channels WHERE channel_id = $1
     UNION ALL SELECT 'team', settings FROM assignment_teams WHERE team_id = $2`,
    [channelId, teamId],
  );
  const channel = channelRulesOf(rows.find((r) => r.kind === 'channel')?.settings);
  const team: TeamRules | null = teamId ? teamRulesOf(rows.find((r) => r.kind === 'team')?.settings) : null;
  return { channel, team };
}

async function audit(
  q: Queryable,
  tenantId: string,
  action: string,
  conversationId: string,
  details: object,
) {
  // actor_id null: the system decided, not a person.
  await q.query(
    'INSERT INTO audit_log (tenant_id, actor_id, action, target, details) VALUES ($1, NULL, $2, $3, $4)',
    [tenantId, action, `conversation:${conversationId}`, JSON.stringify(details)],
  );
}

/**
 * Applies the rules to one conversation. Safe to call any number of times, from any process: a
 * conversation that is assigned, resolved or gone is left alone (and leaves the waiting list).
 */
export async function assignConversation(
  deps: AssignmentDeps,
  tenantId: string,
  conversationId: string,
  trigger: Trigger,
): Promise<AssignOutcome> {
  const now = deps.now?.() ?? new Date();
  const before = await headOf(deps.db, tenantId, conversationId, false);
  if (!before) return { kind: 'skipped', reason: 'no such conversation' };
  const { channel: rules, team: teamRules } = await readRules(deps.db, before.channel_id, before.team_id);
  const hours = rules.businessHours;
  const withinHours = hours === null || isWithinHours(hours, now);
  const afterHoursTeam = !withinHours && rules.afterHoursTeamId ? rules.afterHoursTeamId : null;
  const routeTeam = afterHoursTeam ?? before.team_id;
  const routeRules =
    afterHoursTeam && afterHoursTeam !== before.team_id
      ? (await readRules(deps.db, before.channel_id, afterHoursTeam)).team
      : teamRules;
  const scope: Scope =
    routeTeam && routeRules?.policy
      ? {
          kind: 'team',
          id: routeTeam,
          teamId: routeTeam,
          policy: routeRules.policy,
          onlineOnly: routeRules.onlineOnly ?? rules.onlineOnly,
        }
      : {
          kind: 'channel',
          id: before.channel_id,
          teamId: routeTeam,
          policy: rules.policy,
          onlineOnly: routeRules?.onlineOnly ?? rules.onlineOnly,
        };
  const live = scope.onlineOnly && deps.presence ? await deps.presence.presenceOf(tenantId) : null;
  const sticky = await stickyAgent(deps.db, tenantId, before.contact_id, rules.stickyDays);
  let enqueue: { lane: string; payload: string } | null = null;

  const { value } = await retryOnDeadlock(() =>
    commitChanges(deps.db, deps.pubsub, deps.prefix, tenantId, async (q) => {
      enqueue = null;
      const entries: NewEntry[] = [];
      const pointer = await lockScope(q, tenantId, scope);
      const conv = await headOf(q, tenantId, conversationId, true);
      const leaveList = () =>
        q.query('DELETE FROM assignment_waiting WHERE conversation_id = $1', [conversationId]);
      if (!conv || conv.status === 'resolved') {
        await leaveList();
        return { value: { kind: 'skipped', reason: 'resolved' } as AssignOutcome, entries };
      }
      // Someone (an agent, another process) assigned it meanwhile; a reopen re-checks its assignee.
      // Out of hours a reopened conversation stays with its agent; they see it in the morning.
      const reconsider =
        withinHours &&
        trigger === 'reopened' &&
        conv.assignee_id !== null &&
        conv.assignee_id === before.assignee_id;
      if (conv.assignee_id !== null && !reconsider) {
        await leaveList();
        if (!withinHours && rules.autoReply && trigger !== 'waiting') {
          const reply = await queueAutoReply(
            q,
            tenantId,
            conversationId,
            rules.autoReply,
            closedPeriodKey(hours!, now),
          );
          enqueue = reply.enqueue;
          entries.push(...reply.entries);
        }
        return {
          value: { kind: 'kept', agentId: conv.assignee_id, reason: 'already assigned' } as AssignOutcome,
          entries,
        };
      }

      const candidates = (
        await loadCandidates(q, tenantId, conv.channel_id, scope.kind === 'team' ? scope.id : null)
      ).map((c): Candidate => {
        // A reopened conversation already counts in its assignee's load: judge them without it.
        const own = reconsider && c.agentId === conv.assignee_id ? 1 : 0;
        const presence = live ? (live.get(c.agentId) ?? 'offline') : c.presence;
        return { ...c, presence, load: c.load - own, channelLoad: c.channelLoad - own };
      });
      // Earlier conversations of the channel wait first: a newcomer queues behind them.
      const queued =
        trigger !== 'waiting' &&
        !reconsider &&
        (
          await q.query(
            'SELECT 1 FROM assignment_waiting WHERE channel_id = $1 AND conversation_id <> $2 LIMIT 1',
            [conv.channel_id, conversationId],
          )
        ).rows.length > 0;
      const pointerName = pointer
        ? (await q.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [pointer])).rows[0]?.name
        : null;

      let decision: Decision = queued
        ? { kind: 'wait', reason: 'waiting: earlier conversations first' }
        : decide({
            policy: scope.policy,
            onlineOnly: scope.onlineOnly,
            channelMaxOpen: rules.maxOpenPerAgent,
            candidates,
            pointer,
            pointerName,
            sticky: reconsider ? conv.assignee_id : sticky,
            withinHours: withinHours || afterHoursTeam !== null,
          });
      // The loads above were read before the agent's lock: confirm under it, or try the next agent.
      for (let i = 0; decision.kind === 'assign' && i < MAX_RETRIES; i++) {
        const chosen = decision.agentId;
        const fresh = await lockAgentLoad(q, tenantId, chosen, conv.channel_id);
        const own = reconsider && chosen === conv.assignee_id ? 1 : 0;
        const c = candidates.find((x) => x.agentId === chosen)!;
        Object.assign(c, {
          maxOpen: fresh.maxOpen,
          load: fresh.load - own,
          channelLoad: fresh.channelLoad - own,
        });
        const full =
          (c.maxOpen !== null && c.load >= c.maxOpen) ||
          (rules.maxOpenPerAgent !== null && c.channelLoad >= rules.maxOpenPerAgent);
        if (!full) break;
        decision = decide({
          policy: scope.policy,
          onlineOnly: scope.onlineOnly,
          channelMaxOpen: rules.maxOpenPerAgent,
          candidates,
          pointer,
          pointerName,
          sticky: reconsider ? conv.assignee_id : sticky,
          withinHours: true,
        });
      }

      const outcome = await applyDecision(q, {
        tenantId,
        conversationId,
        conv,
        decision,
        scope,
        trigger,
        entries,
      });
      if (decision.kind === 'assign' && decision.via !== 'sticky' && decision.pointer !== pointer)
        await movePointer(q, scope, decision.pointer);
      if (!withinHours && rules.autoReply && trigger !== 'waiting') {
        const reply = await queueAutoReply(
          q,
          tenantId,
          conversationId,
          rules.autoReply,
          closedPeriodKey(hours!, now),
        );
        enqueue = reply.enqueue;
        entries.push(...reply.entries);
      }
      return { value: outcome, entries };
    }),
  );
  if (enqueue && deps.outbound) await deps.outbound.append([enqueue]);
  return value;
}

interface Apply {
  tenantId: string;
  conversationId: string;
  conv: ConversationHead;
  decision: Decision;
  scope: Scope;
  trigger: Trigger;
  entries: NewEntry[];
}

async function setAssignee(
  q: Queryable,
  a: {
    conversationId: string;
    conv: ConversationHead;
    agentId: string | null;
    teamId: string | null;
    entries: NewEntry[];
  },
) {
  await q.query('UPDATE conversations SET assignee_id = $2, team_id = $3, updated_at = now() WHERE id = $1', [
    a.conversationId,
    a.agentId,
    a.teamId,
  ]);
  a.entries.push({
    type: 'conversation.updated',
    entityId: a.conversationId,
    data: { assigneeId: a.agentId, teamId: a.teamId },
    scope: {
      channelId: a.conv.channel_id,
      agentId: a.agentId,
      teamId: a.teamId,
      // Whoever saw it through its previous assignee or team learns it went away.
      extraAgentId: a.conv.assignee_id !== a.agentId ? a.conv.assignee_id : null,
      extraTeamId: a.conv.team_id !== a.teamId ? a.conv.team_id : null,
    },
  });
}

async function applyDecision(q: Queryable, a: Apply): Promise<AssignOutcome> {
  const { tenantId, conversationId, conv, decision, scope } = a;
  const details = { reason: decision.reason, trigger: a.trigger, policy: scope.policy, scope: scope.kind };
  // Waiting gives a reopened conversation whose agent cannot take it back to the pool.
  const agentId =
    decision.kind === 'assign' ? decision.agentId : decision.kind === 'manual' ? conv.assignee_id : null;
  if (agentId !== conv.assignee_id || scope.teamId !== conv.team_id)
    await setAssignee(q, { conversationId, conv, agentId, teamId: scope.teamId, entries: a.entries });
  if (decision.kind === 'assign') {
    const kept = decision.agentId === conv.assignee_id;
    await q.query('DELETE FROM assignment_waiting WHERE conversation_id = $1', [conversationId]);
    await q.query(
      `INSERT INTO conversation_assignments (conversation_id, tenant_id, agent_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (conversation_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, reason = EXCLUDED.reason, decided_at = now()`,
      [conversationId, tenantId, decision.agentId, decision.reason],
    );
    await audit(q, tenantId, 'conversation.auto_assigned', conversationId, {
      ...details,
      agentId: decision.agentId,
    });
    return { kind: kept ? 'kept' : 'assigned', agentId: decision.agentId, reason: decision.reason };
  }
  if (decision.kind === 'manual') {
    await q.query('DELETE FROM assignment_waiting WHERE conversation_id = $1', [conversationId]);
    return { kind: 'manual', reason: decision.reason };
  }
  const { rows } = await q.query<{ previous: string | null }>(
    `WITH old AS (SELECT reason FROM assignment_waiting WHERE conversation_id = $1)
     INSERT INTO assignment_waiting (conversation_id, tenant_id, channel_id, reason) VALUES ($1, $2, $3, $4)
     ON CONFLICT (conversation_id) DO UPDATE SET reason = EXCLUDED.reason
     RETURNING (SELECT reason FROM old) AS previous`,
    [conversationId, tenantId, conv.channel_id, decision.reason],
  );
  // The audit log records each new reason to wait, not every retry of the same one.
  if (rows[0]?.previous !== decision.reason) {
    await q.query(
      `INSERT INTO conversation_assignments (conversation_id, tenant_id, agent_id, reason) VALUES ($1, $2, NULL, $3)
       ON CONFLICT (conversation_id) DO UPDATE SET agent_id = NULL, reason = EXCLUDED.reason, decided_at = now()`,
      [conversationId, tenantId, decision.reason],
    );
    await audit(q, tenantId, 'conversation.waiting', conversationId, details);
  }
  return { kind: 'waiting', reason: decision.reason };
}
