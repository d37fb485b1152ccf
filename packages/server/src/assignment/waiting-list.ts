// The waiting list: conversations nobody could take yet, worked off oldest first whenever capacity
// may have freed up (a resolve, a transfer, an agent coming online, business hours opening).
import type { PubSub } from '../pubsub/port.ts';
import type { Queryable } from '../store/db.ts';
import { type AssignmentDeps, assignConversation } from './assign-conversation.ts';

export const assignmentChannel = (prefix: string): string => `${prefix}_assignment`;

/**
 * Capacity may have freed up for the tenant (an agent's, when given): wakes the worker, which works
 * off the waiting list with live presence. For the REST routes that resolve, transfer or unassign
 * conversations and change availability; call it after commit. A lost wake-up costs at most one
 * tick of the worker (30 s), never a conversation.
 */
export async function onCapacityFreed(
  deps: { pubsub: PubSub; prefix: string },
  tenantId: string,
  agentId?: string,
): Promise<void> {
  await deps.pubsub.publish(
    assignmentChannel(deps.prefix),
    JSON.stringify({ tenantId, agentId: agentId ?? null }),
  );
}

/**
 * Puts a conversation whose decision failed where the next pass of the waiting list (at the latest
 * the worker's tick) decides it again, for callers that do not retry.
 */
export async function parkAfterError(q: Queryable, tenantId: string, conversationId: string): Promise<void> {
  await q.query(
    `INSERT INTO assignment_waiting (conversation_id, tenant_id, channel_id, reason)
     SELECT id, tenant_id, channel_id, 'waiting: retry after an error' FROM conversations
     WHERE id = $1 AND tenant_id = $2 ON CONFLICT (conversation_id) DO NOTHING`,
    [conversationId, tenantId],
  );
}

interface WaitingRow {
  conversation_id: string;
  channel_id: string;
}

/**
 * Tries the tenant's waiting conversations in order. Once one in a channel has to wait, younger
 * ones of that channel are not tried in this pass, so nobody overtakes an earlier customer.
 */
export async function workOffWaiting(
  deps: AssignmentDeps,
  tenantId: string,
  limit = 200,
): Promise<{ assigned: number; waiting: number }> {
  const { rows } = await deps.db.query<WaitingRow>(
    'SELECT conversation_id, channel_id FROM assignment_waiting WHERE tenant_id = $1 ORDER BY since, id LIMIT $2',
    [tenantId, limit],
  );
  const blocked = new Set<string>();
  let assigned = 0;
  let waiting = 0;
  for (const r of rows) {
    if (blocked.has(r.channel_id)) {
      waiting++;
      continue;
    }
    const outcome = await assignConversation(deps, tenantId, r.conversation_id, 'waiting');
    if (outcome.kind === 'assigned') assigned++;
    if (outcome.kind === 'waiting') {
      waiting++;
      blocked.add(r.channel_id);
    }
  }
  return { assigned, waiting };
}

export async function tenantsWithWaiting(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM assignment_waiting');
  return rows.map((r) => r.tenant_id);
}

export interface WaitingItem {
  conversationId: string;
  channelId: string;
  since: string;
  waitingSeconds: number;
  reason: string;
}

export async function listWaiting(
  q: Queryable,
  tenantId: string,
  channelId: string | null,
  limit: number,
): Promise<WaitingItem[]> {
  const { rows } = await q.query<{
    conversation_id: string;
    channel_id: string;
    since: Date;
    seconds: number;
    reason: string;
  }>(
    `SELECT conversation_id, channel_id, since, reason, floor(extract(epoch FROM now() - since))::int AS seconds
     FROM assignment_waiting WHERE tenant_id = $1 AND ($2::uuid IS NULL OR channel_id = $2)
     ORDER BY since, id LIMIT $3`,
    [tenantId, channelId, limit],
  );
  return rows.map((r) => ({
    conversationId: r.conversation_id,
    channelId: r.channel_id,
    since: r.since.toISOString(),
    waitingSeconds: r.seconds,
    reason: r.reason,
  }));
}
