// The jobs of the outbound queue. Lanes: a conversation's id for its sends and read receipts (so
// they leave in the order agents made them, and conversations run in parallel), and `m:<id>` for
// its media downloads (a slow download never holds up a reply).
import type { AppContext } from '../app-context.ts';
import type { IngestQueue } from '../queue/port.ts';

export type OutboundJob =
  | { t: 'send'; tenantId: string; messageId: string; attempt: number }
  | { t: 'read'; tenantId: string; conversationId: string }
  | { t: 'media'; tenantId: string; messageId: string };

export const sendJob = (tenantId: string, conversationId: string, messageId: string, attempt: number) => ({
  lane: conversationId,
  payload: JSON.stringify({ t: 'send', tenantId, messageId, attempt } satisfies OutboundJob),
});

export const mediaJob = (tenantId: string, conversationId: string, messageId: string) => ({
  lane: `m:${conversationId}`,
  payload: JSON.stringify({ t: 'media', tenantId, messageId } satisfies OutboundJob),
});

export function parseJob(payload: string): OutboundJob | null {
  try {
    const job = JSON.parse(payload) as OutboundJob;
    return job && typeof job === 'object' && typeof job.tenantId === 'string' ? job : null;
  } catch {
    return null;
  }
}

/**
 * Marks the customer's latest message read on WhatsApp (blue ticks), after an agent read the
 * conversation. Call it after the read is committed; it only enqueues.
 */
export async function queueMarkRead(
  ctx: Pick<AppContext, 'outbound'>,
  tenantId: string,
  conversationId: string,
): Promise<void> {
  await enqueue(ctx.outbound, [
    {
      lane: conversationId,
      payload: JSON.stringify({ t: 'read', tenantId, conversationId } satisfies OutboundJob),
    },
  ]);
}

export const enqueue = (queue: IngestQueue, items: { lane: string; payload: string }[]): Promise<void> =>
  items.length === 0 ? Promise.resolve() : queue.append(items);
