// What the dashboard's tabs and title badge count: conversations of one status per list (mine,
// unassigned, my teams', all I see), and how many open or pending ones I may answer wait with
// unread customer messages (whatever the status asked). One statement over what the caller sees.

import type { Principal } from '../auth/principal.ts';
import { loadVisibility, visibleConversationsSql } from '../auth/visibility.ts';
import type { Queryable } from '../store/db.ts';

export interface InboxCounts {
  mine: number;
  unassigned: number;
  team: number;
  all: number;
  /** Open or pending, assigned to me, unassigned or held by one of my teams, with unread messages. */
  waiting: number;
}

export async function inboxCounts(
  q: Queryable,
  p: Principal,
  status: 'open' | 'pending' | 'snoozed' | 'resolved' | null,
): Promise<InboxCounts> {
  const vis = await loadVisibility(q, p);
  const params: unknown[] = [p.tenantId, p.agentId, status];
  const visible = visibleConversationsSql(vis, params.length + 1);
  params.push(...visible.params);
  const { rows } = await q.query<InboxCounts>(
    `WITH mine_teams AS (SELECT team_id FROM team_members WHERE agent_id = $2),
     seen AS (
       SELECT c.id, c.assignee_id, c.team_id, ($3::text IS NULL OR c.status = $3::text) AS counted,
              c.status IN ('open', 'pending')
                AND (c.assignee_id = $2 OR c.assignee_id IS NULL OR c.team_id IN (SELECT team_id FROM mine_teams)) AS answerable
       FROM conversations c
       WHERE c.tenant_id = $1 AND ${visible.sql}
     )
     SELECT count(*) FILTER (WHERE counted AND assignee_id = $2)::int AS mine,
            count(*) FILTER (WHERE counted AND assignee_id IS NULL)::int AS unassigned,
            count(*) FILTER (WHERE counted AND team_id IN (SELECT team_id FROM mine_teams))::int AS team,
            count(*) FILTER (WHERE counted)::int AS all,
            count(*) FILTER (WHERE answerable AND EXISTS (
              SELECT 1 FROM messages m LEFT JOIN conversation_reads r ON r.conversation_id = s.id AND r.agent_id = $2
              WHERE m.conversation_id = s.id AND m.direction = 'in'
                AND m.created_at > COALESCE(r.read_at, '-infinity')))::int AS waiting
     FROM seen s`,
    params,
  );
  return rows[0] ?? { mine: 0, unassigned: 0, team: 0, all: 0, waiting: 0 };
}
