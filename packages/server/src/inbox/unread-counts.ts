// Unread is per agent: inbound messages of a conversation after the agent's read cursor
// (conversation_reads.read_at; no row means nothing was read yet).
import type { Queryable } from '../store/db.ts';

export async function unreadCounts(
  q: Queryable,
  agentId: string | null,
  conversationIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (!agentId || conversationIds.length === 0) return counts;
  const { rows } = await q.query<{ id: string; n: number }>(
    `SELECT c.id, (SELECT count(*) FROM messages m
                    WHERE m.conversation_id = c.id AND m.direction = 'in'
                      AND m.created_at > COALESCE(r.read_at, '-infinity'))::int8 AS n
     FROM unnest($2::uuid[]) AS c(id)
     LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.agent_id = $1`,
    [agentId, conversationIds],
  );
  for (const r of rows) counts.set(r.id, r.n);
  return counts;
}
