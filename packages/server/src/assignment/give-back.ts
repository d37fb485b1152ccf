// An assignee offline beyond the grace period gives their open conversations back (a channel rule,
// giveBackAfterMinutes): each goes to the end of the waiting list and is assigned again in order.
// "Offline since" is what this process has observed, tick by tick, on top of presence's own grace
// period; a restart only lengthens the wait, never shortens it.
import { commitChanges } from '../events/commit-changes.ts';
import type { AssignmentDeps } from './assign-conversation.ts';
import type { PresenceSource } from './presence-source.ts';
import { channelRulesOf } from './settings.ts';

export interface GiveBack {
  /** Looks at every tenant with a give-back rule; returns how many conversations went back. */
  sweep(): Promise<number>;
}

export function createGiveBack(deps: AssignmentDeps & { presence: PresenceSource }): GiveBack {
  const offlineSince = new Map<string, number>();

  const giveBack = async (tenantId: string, conversationId: string, agentId: string, minutes: number) => {
    const reason = `given back: assignee offline for ${minutes} min`;
    const { value } = await commitChanges(deps.db, deps.pubsub, deps.prefix, tenantId, async (q) => {
      const { rows } = await q.query<{ channel_id: string; team_id: string | null }>(
        `UPDATE conversations SET assignee_id = NULL, updated_at = now()
         WHERE id = $1 AND assignee_id = $2 AND status <> 'resolved' RETURNING channel_id, team_id`,
        [conversationId, agentId],
      );
      const conv = rows[0];
      if (!conv) return { value: false, entries: [] };
      await q.query(
        `WITH listed AS (
           INSERT INTO assignment_waiting (conversation_id, tenant_id, channel_id, reason) VALUES ($1, $2, $3, $4)
           ON CONFLICT (conversation_id) DO NOTHING
         ), why AS (
           INSERT INTO conversation_assignments (conversation_id, tenant_id, agent_id, reason) VALUES ($1, $2, NULL, $4)
           ON CONFLICT (conversation_id) DO UPDATE SET agent_id = NULL, reason = EXCLUDED.reason, decided_at = now()
         )
         INSERT INTO audit_log (tenant_id, actor_id, action, target, details)
         VALUES ($2, NULL, 'conversation.given_back', 'conversation:' || $1, $5::jsonb)`,
        [conversationId, tenantId, conv.channel_id, reason, JSON.stringify({ reason, agentId })],
      );
      return {
        value: true,
        entries: [
          {
            type: 'conversation.updated',
            entityId: conversationId,
            data: { assigneeId: null },
            scope: { channelId: conv.channel_id, teamId: conv.team_id, extraAgentId: agentId },
          },
        ],
      };
    });
    return value;
  };

  const sweepTenant = async (tenantId: string, rules: Map<string, number>, now: number): Promise<number> => {
    const presence = await deps.presence.presenceOf(tenantId);
    const offline: string[] = [];
    for (const [agentId, status] of presence) {
      if (status !== 'offline') offlineSince.delete(agentId);
      else {
        if (!offlineSince.has(agentId)) offlineSince.set(agentId, now);
        offline.push(agentId);
      }
    }
    if (offline.length === 0) return 0;
    const { rows } = await deps.db.query<{ id: string; assignee_id: string; channel_id: string }>(
      `SELECT id, assignee_id, channel_id FROM conversations
       WHERE assignee_id = ANY($1::uuid[]) AND channel_id = ANY($2::uuid[]) AND status <> 'resolved'
       ORDER BY last_message_at NULLS FIRST, id`,
      [offline, [...rules.keys()]],
    );
    let n = 0;
    for (const r of rows) {
      const minutes = rules.get(r.channel_id)!;
      if (now - offlineSince.get(r.assignee_id)! < minutes * 60_000) continue;
      if (await giveBack(tenantId, r.id, r.assignee_id, minutes)) n++;
    }
    return n;
  };

  return {
    async sweep() {
      const { rows } = await deps.db.query<{ tenant_id: string; channel_id: string; settings: unknown }>(
        `SELECT tenant_id, channel_id, settings FROM assignment_channels
         WHERE jsonb_typeof(settings -> 'giveBackAfterMinutes') = 'number'`,
      );
      const byTenant = new Map<string, Map<string, number>>();
      for (const r of rows) {
        const minutes = channelRulesOf(r.settings).giveBackAfterMinutes;
        if (minutes === null) continue;
        const m = byTenant.get(r.tenant_id) ?? new Map<string, number>();
        m.set(r.channel_id, minutes);
        byTenant.set(r.tenant_id, m);
      }
      const now = (deps.now?.() ?? new Date()).getTime();
      let n = 0;
      for (const [tenantId, rules] of byTenant) n += await sweepTenant(tenantId, rules, now);
      return n;
    },
  };
}
