// The one gate in front of every conversation route: the conversation if the caller may see it,
// else 404, so an id of another tenant (or outside the caller's sight) reveals nothing.
import type { Conversation } from '@parley/sync';
import { canSee, type Visibility } from '../auth/visibility.ts';
import { ParleyError } from '../errors.ts';
import type { EntryScope } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';
import { loadConversation } from '../store/entities.ts';

export const conversationScope = (
  c: Pick<Conversation, 'channelId' | 'assigneeId' | 'teamId'>,
): EntryScope => ({
  channelId: c.channelId,
  agentId: c.assigneeId,
  teamId: c.teamId,
});

export const canSeeConversation = (
  v: Visibility,
  c: Pick<Conversation, 'channelId' | 'assigneeId' | 'teamId'>,
) => canSee(v, { channelId: c.channelId, agentId: c.assigneeId, teamId: c.teamId });

export async function visibleConversation(
  q: Queryable,
  tenantId: string,
  id: string,
  v: Visibility,
  opts: { lock?: boolean } = {},
): Promise<Conversation> {
  // Writers lock the row so two concurrent changes of one conversation apply one after the other.
  // NO KEY UPDATE (what the UPDATE that follows takes anyway), not FOR UPDATE: FOR UPDATE also
  // blocks the KEY SHARE lock of a foreign-key check, and a transaction that updates a message twice
  // (its status, then its version stamp after taking the tenant's counter) checks the conversation
  // again on the second update: with FOR UPDATE here, that was a deadlock (found by the sync
  // integration test: a transfer answered 500 while a status webhook was being stored).
  if (opts.lock)
    await q.query('SELECT 1 FROM conversations WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE', [
      tenantId,
      id,
    ]);
  const c = await loadConversation(q, tenantId, id);
  if (!c || !canSeeConversation(v, c))
    throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No conversation with this id is visible to you');
  return c;
}
