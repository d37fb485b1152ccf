// After a bot hands a conversation over, assignment picks the person (or the waiting list keeps
// it), exactly as for a new conversation.
import type { AppContext } from '../app-context.ts';
import { assignConversation } from '../assignment/assign-conversation.ts';

export type HandoffDeps = Pick<AppContext, 'db' | 'pubsub' | 'prefix' | 'log' | 'outbound'>;

export async function assignAfterHandoff(
  ctx: HandoffDeps,
  tenantId: string,
  conversationId: string,
): Promise<void> {
  await assignConversation(
    { db: ctx.db, pubsub: ctx.pubsub, prefix: ctx.prefix, log: ctx.log, outbound: ctx.outbound },
    tenantId,
    conversationId,
    'created',
  );
}
