// The out-of-hours auto-reply, sent through the outbound pipeline like an agent's message but with
// no author (the system). Its client id names the conversation and the out-of-hours period, so the
// reply goes once per conversation per period however often the customer writes or the worker
// retries: the second insert finds the first (outbound/insert-send.ts is idempotent on client ids).
import type { NewEntry } from '../events/event-log.ts';
import { insertSend } from '../outbound/insert-send.ts';
import type { Queryable } from '../store/db.ts';
import { loadConversation } from '../store/entities.ts';

export interface AutoReply {
  /** Append after commit to the outbound queue; null when this period's reply exists already. */
  enqueue: { lane: string; payload: string } | null;
  entries: NewEntry[];
}

export const autoReplyClientId = (conversationId: string, periodKey: string): string =>
  `auto-reply:${conversationId}:${periodKey}`;

export async function queueAutoReply(
  q: Queryable,
  tenantId: string,
  conversationId: string,
  text: string,
  periodKey: string,
): Promise<AutoReply> {
  const conversation = await loadConversation(q, tenantId, conversationId);
  // No open 24-hour window (a reopen by a reaction, say): free text cannot go; stay silent.
  if (!conversation?.windowExpiresAt || Date.parse(conversation.windowExpiresAt) <= Date.now())
    return { enqueue: null, entries: [] };
  const { value, entries } = await insertSend(q, {
    tenantId,
    agentId: null,
    conversation,
    send: { clientId: autoReplyClientId(conversationId, periodKey), kind: 'text', body: { body: text } },
  });
  return { enqueue: value.enqueue, entries };
}
