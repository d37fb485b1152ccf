// The event-log entry for a change of one message, scoped like its conversation (who may see it).
import type { NewEntry } from '../events/event-log.ts';
import { ADMINS_ONLY } from '../inbox/contact-entries.ts';
import type { Queryable } from '../store/db.ts';

/** The entry for a change of one message, scoped like its conversation. */
export async function messageEntry(
  q: Queryable,
  conversationId: string,
  messageId: string,
  data: Record<string, unknown>,
): Promise<NewEntry> {
  const { rows } = await q.query<{ channel_id: string; assignee_id: string | null; team_id: string | null }>(
    'SELECT channel_id, assignee_id, team_id FROM conversations WHERE id = $1',
    [conversationId],
  );
  const c = rows[0];
  return {
    type: 'message.updated',
    entityId: messageId,
    data: { conversationId, ...data },
    // A conversation gone meanwhile (a merge) leaves nobody but owners and admins to tell.
    scope: c ? { channelId: c.channel_id, agentId: c.assignee_id, teamId: c.team_id } : ADMINS_ONLY,
  };
}
