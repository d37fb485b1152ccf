// One automatic assignment decision, in one transaction, with its event and audit row.
//
// Atomicity lives in the database (STYLE: "put atomicity where the data is"): the scope's row
// (assignment_channels or assignment_teams) is locked FOR UPDATE first, so decisions in one
// channel take turns across processes and the round-robin pointer moves in order; the
// conversation row is locked next and re-checked, so it is never assigned twice; the chosen
// agent's capacity row is locked last and their load re-read, so capacity holds across channels.
// Lock order is always scope → conversation → agent → tenant counter (commitChanges), so two
// assigners never wait on each other in a circle, except when a first choice turns out full (see
// retryOnDeadlock). So a decision runs in a transaction of its own, after the caller's own has
// committed (ingest hook, waiting list, a transfer to a team): inside a transaction that already
// holds the conversation it would take the scope after it. Statements are folded together where they can
// be: a decision is bound by round trips, not by work in the database.
import { commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import type { Logger } from '../log/logger.ts';
import type { PubSub } from '../pubsub/port.ts';
import type { IngestQueue } from '../queue/port.ts';
import type { Db, Queryable } from '../store/db.ts';
import { queueAutoReply } from './auto-reply.ts';
import { closedPeriodKey, isWithinHours } from './business-hours.ts';
import { type CandidateSlice, loadCandidates, lockAgentLoad } from './candidates.ts';
import { type Candidate, type Decision, decide, isFull } from './policy.ts';
import type { PresenceSource } from './presence-source.ts';
import { type Locked, record, type Scope, scopeTable } from './record-decision.ts';
import { type ChannelRules, channelRulesOf, loadTeamRules, teamRulesOf } from './settings.ts';

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

/**
 * Why a decision is being made. 'transferred': an agent moved the conversation to a team without
 * naming an assignee; only that team's own rules decide (docs/assignment.md, "Transfers to a team").
 */
export type Trigger = 'created' | 'reopened' | 'message' | 'waiting' | 'transferred';

export interface AssignOutcome {
  kind: 'assigned' | 'waiting' | 'manual' | 'kept' | 'skipped';
  agentId?: string;
  reason: string;
}

/** What is read before the transaction: rules, hours, presence, stickiness. */
interface Plan {
  tenantId: string;
  conversationId: string;
  trigger: Trigger;
  now: Date;
  rules: ChannelRules;
  withinHours: boolean;
  /** Out of hours with a designated team: decide among the team instead of waiting. */
  afterHoursTeam: string | null;
  scope: Scope;
  assigneeBefore: string | null;
  live: Map<string, string> | null;
  sticky: string | null;
}

const MAX_RETRIES = 8;
/** How many agents of the ring round robin reads at first. */
const RING_SLICE = 16;
const QUEUED = 'waiting: earlier conversations first';

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

async function makePlan(
  deps: AssignmentDeps,
  tenantId: string,
  conversationId: string,
  trigger: Trigger,
): Promise<Plan | null> {
  const { rows } = await deps.db.query<{
    channel_id: string;
    team_id: string | null;
    assignee_id: string | null;
    contact_id: string;
    channel_rules: unknown;
    team_rules: unknown;
  }>(
    `SELECT c.channel_id, c.team_id, c.assignee_id, c.contact_id, ac.settings AS channel_rules, at.settings AS team_rules
     FROM conversations c
     LEFT JOIN assignment_channels ac ON ac.channel_id = c.channel_id
     LEFT JOIN assignment_teams at ON at.team_id = c.team_id
     WHERE c.tenant_id = $1 AND c.id = $2`,
    [tenantId, conversationId],
  );
  const head = rows[0];
  if (!head) return null;
  const now = deps.now?.() ?? new Date();
  const rules = channelRulesOf(head.channel_rules);
  const withinHours = rules.businessHours === null || isWithinHours(rules.businessHours, now);
  const ownTeamRules = head.team_id ? teamRulesOf(head.team_rules) : null;
  // A conversation in a team with rules of its own (an agent moved it there) waits there out of
  // hours rather than move to the after-hours team, on later passes of the waiting list too.
  const keepsTeam =
    (trigger === 'transferred' || trigger === 'waiting') &&
    ownTeamRules?.policy != null &&
    head.team_id !== rules.afterHoursTeamId;
  const afterHoursTeam = !withinHours && rules.afterHoursTeamId && !keepsTeam ? rules.afterHoursTeamId : null;
  const teamId = afterHoursTeam ?? head.team_id;
  const teamRules =
    afterHoursTeam && afterHoursTeam !== head.team_id
      ? await loadTeamRules(deps.db, afterHoursTeam)
      : ownTeamRules;
  const onlineOnly = teamRules?.onlineOnly ?? rules.onlineOnly;
  const scope: Scope =
    teamId && teamRules?.policy
      ? { kind: 'team', id: teamId, teamId, policy: teamRules.policy, onlineOnly }
      : { kind: 'channel', id: head.channel_id, teamId, policy: rules.policy, onlineOnly };
  return {
    tenantId,
    conversationId,
    trigger,
    now,
    rules,
    withinHours,
    afterHoursTeam,
    scope,
    assigneeBefore: head.assignee_id,
    live: scope.onlineOnly && deps.presence ? await deps.presence.presenceOf(tenantId) : null,
    // The customer's last agent is often the one who just handed the conversation on.
    sticky:
      trigger === 'transferred'
        ? null
        : await stickyAgent(deps.db, tenantId, head.contact_id, rules.stickyDays),
  };
}

/** Locks the scope's row, creating it on first use; returns the round-robin pointer and its name. */
async function lockScope(q: Queryable, tenantId: string, scope: Scope) {
  const { table, key } = scopeTable(scope);
  const select = `SELECT s.rr_pointer, a.name AS pointer_name FROM ${table} s LEFT JOIN agents a ON a.id = s.rr_pointer
     WHERE s.${key} = $1 FOR UPDATE OF s`;
  let { rows } = await q.query<{ rr_pointer: string | null; pointer_name: string | null }>(select, [
    scope.id,
  ]);
  if (!rows[0]) {
    await q.query(
      `INSERT INTO ${table} (${key}, tenant_id) VALUES ($1, $2) ON CONFLICT (${key}) DO NOTHING`,
      [scope.id, tenantId],
    );
    ({ rows } = await q.query(select, [scope.id]));
  }
  return { pointer: rows[0]?.rr_pointer ?? null, pointerName: rows[0]?.pointer_name ?? null };
}

/**
 * Locks the conversation and says whether others of its channel wait already. NO KEY UPDATE, as
 * every conversation writer does: a message insert's foreign-key check (KEY SHARE) must not wait
 * on it, or a writer holding the tenant counter and this decision would wait on each other.
 */
async function lockConversation(q: Queryable, p: Plan): Promise<Locked | null> {
  const { rows } = await q.query<Locked>(
    `SELECT c.channel_id, c.team_id, c.status, c.assignee_id,
       EXISTS (SELECT 1 FROM assignment_waiting w WHERE w.channel_id = c.channel_id AND w.conversation_id <> c.id)
         AS others_waiting,
       (SELECT w.reason FROM assignment_waiting w WHERE w.conversation_id = c.id) AS waiting_reason
     FROM conversations c WHERE c.tenant_id = $1 AND c.id = $2 FOR NO KEY UPDATE OF c`,
    [p.tenantId, p.conversationId],
  );
  return rows[0] ?? null;
}

/** Chooses an agent and confirms their room under their lock, moving on to the next if full. */
async function choose(
  q: Queryable,
  p: Plan,
  conv: Locked,
  reconsider: boolean,
  { pointer, pointerName }: { pointer: string | null; pointerName: string | null },
): Promise<Decision> {
  const own = (agentId: string) => (reconsider && agentId === conv.assignee_id ? 1 : 0);
  const open = p.withinHours || p.afterHoursTeam !== null;
  // Nobody is chosen out of hours or by hand: no need to read the candidates.
  if (!open || p.scope.policy === 'manual')
    return open ? { kind: 'manual', reason: 'manual assignment' } : { kind: 'wait', reason: 'out of hours' };
  const read = async (slice: CandidateSlice): Promise<Candidate[]> =>
    (
      await loadCandidates(q, p.tenantId, conv.channel_id, p.scope.kind === 'team' ? p.scope.id : null, slice)
    ).map((c): Candidate => {
      // A reopened conversation already counts in its assignee's load: judge them without it.
      const presence = p.live ? ((p.live.get(c.agentId) as Candidate['presence']) ?? 'offline') : c.presence;
      return { ...c, presence, load: c.load - own(c.agentId), channelLoad: c.channelLoad - own(c.agentId) };
    });
  const sticky = reconsider ? conv.assignee_id : p.sticky;
  // Round robin needs only the start of the ring; balanced and stickiness need everyone.
  let partial = p.scope.policy === 'round_robin' && sticky === null;
  const input = {
    policy: p.scope.policy,
    onlineOnly: p.scope.onlineOnly,
    channelMaxOpen: p.rules.maxOpenPerAgent,
    candidates: await read(partial ? { after: pointer, limit: RING_SLICE } : { all: true }),
    pointer,
    pointerName,
    sticky,
    withinHours: open,
  };
  // Nobody eligible at the start of the ring: read the whole ring (and learn why it must wait).
  let decision = decide(input);
  const widen = async () => {
    if (partial && input.candidates.length === RING_SLICE) {
      partial = false;
      input.candidates = await read({ all: true });
      decision = decide(input);
    }
  };
  if (decision.kind === 'wait') await widen();
  // The loads above were read before the agent's lock: confirm under it, or try the next agent.
  for (let i = 0; decision.kind === 'assign' && i < MAX_RETRIES; i++) {
    const chosen = input.candidates.find((c) => c.agentId === (decision as { agentId: string }).agentId)!;
    const fresh = await lockAgentLoad(q, p.tenantId, chosen.agentId, conv.channel_id);
    chosen.maxOpen = fresh.maxOpen;
    chosen.load = fresh.load - own(chosen.agentId);
    chosen.channelLoad = fresh.channelLoad - own(chosen.agentId);
    if (!isFull(chosen, p.rules.maxOpenPerAgent)) return decision;
    decision = decide(input);
    if (decision.kind === 'wait') await widen();
  }
  return decision.kind === 'assign' ? { kind: 'wait', reason: 'waiting: all agents at capacity' } : decision;
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
  const plan = await makePlan(deps, tenantId, conversationId, trigger);
  if (!plan) return { kind: 'skipped', reason: 'no such conversation' };
  if (trigger === 'transferred') {
    // A team without a policy of its own keeps what it is given: the channel's rules would choose
    // among the channel's members, outside the team the agent picked.
    if (plan.scope.kind !== 'team') return { kind: 'skipped', reason: 'the team has no assignment rules' };
    // Not even out of hours: its members pick it up, so it has no place in the waiting list.
    if (plan.scope.policy === 'manual') return { kind: 'manual', reason: 'manual assignment' };
  }
  // The default: a manual channel within hours needs no transaction (unless the conversation sits
  // in the waiting list from before a switch to manual, which the waiting trigger clears).
  if (plan.scope.policy === 'manual' && plan.withinHours && trigger !== 'waiting')
    return { kind: 'manual', reason: 'manual assignment' };
  let enqueue: { lane: string; payload: string } | null = null;
  const { value } = await retryOnDeadlock(() =>
    commitChanges(deps.db, deps.pubsub, deps.prefix, tenantId, async (q) => {
      const entries: NewEntry[] = [];
      const outcome = await decideLocked(q, plan, entries);
      enqueue = null;
      // Out of hours, every customer message may need the period's auto-reply (sent once); a
      // waiting pass or a transfer is no message from the customer.
      const { rules } = plan;
      const byCustomer = trigger !== 'waiting' && trigger !== 'transferred';
      if (!plan.withinHours && rules.autoReply && byCustomer && outcome.kind !== 'skipped') {
        const period = closedPeriodKey(rules.businessHours!, plan.now);
        const reply = await queueAutoReply(q, tenantId, conversationId, rules.autoReply, period);
        enqueue = reply.enqueue;
        entries.push(...reply.entries);
      }
      return { value: outcome, entries };
    }),
  );
  if (enqueue && deps.outbound) await deps.outbound.append([enqueue]);
  return value;
}

async function decideLocked(q: Queryable, p: Plan, entries: NewEntry[]): Promise<AssignOutcome> {
  // The scope first (lock order), even when the conversation turns out to need nothing: whoever
  // holds it has the channel's waiting list and pointer to themselves.
  const scopeLock = await lockScope(q, p.tenantId, p.scope);
  const conv = await lockConversation(q, p);
  if (!conv || conv.status === 'resolved') {
    await q.query('DELETE FROM assignment_waiting WHERE conversation_id = $1', [p.conversationId]);
    return { kind: 'skipped', reason: 'resolved' };
  }
  // A reopen re-checks its assignee; out of hours it stays with them, who see it in the morning.
  const reconsider =
    p.withinHours &&
    p.trigger === 'reopened' &&
    conv.assignee_id !== null &&
    conv.assignee_id === p.assigneeBefore;
  if (conv.assignee_id !== null && !reconsider) {
    // Someone (an agent, another process) assigned it meanwhile.
    await q.query('DELETE FROM assignment_waiting WHERE conversation_id = $1', [p.conversationId]);
    return { kind: 'kept', agentId: conv.assignee_id, reason: 'already assigned' };
  }
  // A new conversation is decided once: finding it waiting already means this is a second run of
  // the same ingest followup (hooks/followups.ts), which leaves it where the first run put it.
  if (p.trigger === 'created' && conv.waiting_reason !== null)
    return { kind: 'waiting', reason: conv.waiting_reason };
  // Earlier conversations of the channel wait first: a newcomer queues behind them.
  const decision: Decision =
    p.trigger !== 'waiting' && !reconsider && conv.others_waiting
      ? { kind: 'wait', reason: QUEUED }
      : await choose(q, p, conv, reconsider, scopeLock);
  return record(q, p, conv, decision, entries);
}
