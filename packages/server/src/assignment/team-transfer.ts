// A conversation an agent moved to a team without naming an assignee is decided among that team's
// members by the team's rules, as a new conversation would be (capacity, presence, business hours,
// the waiting list). The REST route calls this after its own transaction commits: the decision
// locks the team's rule row first (assign-conversation.ts), which the route's transaction, holding
// the conversation, must not do.
import { type AssignmentDeps, type AssignOutcome, assignConversation } from './assign-conversation.ts';
import { parkAfterError } from './waiting-list.ts';

/**
 * Runs the decision; a failure is logged and the conversation parked for the next pass of the
 * waiting list, since the transfer itself has committed and its caller answers for that. Returns
 * null when the decision failed.
 */
export async function assignAfterTransfer(
  deps: AssignmentDeps,
  tenantId: string,
  conversationId: string,
): Promise<AssignOutcome | null> {
  try {
    return await assignConversation(deps, tenantId, conversationId, 'transferred');
  } catch (err) {
    deps.log.error(
      { tenantId, conversationId, err: (err as Error).message },
      'assignment: decision after a transfer to a team failed; the conversation waits for the next pass',
    );
  }
  try {
    await parkAfterError(deps.db, tenantId, conversationId);
  } catch (err) {
    deps.log.error(
      { tenantId, conversationId, err: (err as Error).message },
      'assignment: parking a conversation after a failed decision failed too; it stays unassigned in its team',
    );
  }
  return null;
}
