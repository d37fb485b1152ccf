// Marks the customer's latest message read on WhatsApp once an agent has read the conversation.
// Meta marks every earlier message of the thread read with it, so one call per read suffices, and
// a repeated call is harmless: failures retry a few times, then are logged and dropped (a missing
// blue tick is not worth holding up the conversation's lane).
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';
import { backoffMs, type JobOutcome } from './deliver-send.ts';
import type { GraphClient } from './graph-client.ts';

export interface ReadDeps {
  db: Db;
  box: SecretBox;
  graph: GraphClient;
  log: Logger;
}

const MAX_ATTEMPTS = 5;

export async function deliverMarkRead(
  deps: ReadDeps,
  job: { tenantId: string; conversationId: string },
  jobAttempts: number,
): Promise<JobOutcome> {
  const { rows } = await deps.db.query<{
    wa_message_id: string;
    phone_number_id: string;
    access_token_enc: string | null;
  }>(
    `SELECT m.wa_message_id, ch.phone_number_id, ch.access_token_enc
     FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN channels ch ON ch.id = c.channel_id
     WHERE m.tenant_id = $1 AND m.conversation_id = $2 AND m.direction = 'in' AND m.wa_message_id IS NOT NULL
     ORDER BY m.created_at DESC, m.id DESC LIMIT 1`,
    [job.tenantId, job.conversationId],
  );
  const latest = rows[0];
  if (!latest?.access_token_enc) return { done: true };
  const answer = await deps.graph.markRead(
    latest.phone_number_id,
    deps.box.open(latest.access_token_enc),
    latest.wa_message_id,
  );
  if (answer.ok) return { done: true };
  const f = answer.failure;
  if (f.verdict !== 'permanent' && jobAttempts + 1 < MAX_ATTEMPTS)
    return { done: false, delayMs: backoffMs(jobAttempts + 1), error: f.details ?? f.title };
  deps.log.warn(
    { conversation: job.conversationId, code: f.code, details: f.details },
    'outbound: marking read on WhatsApp failed',
  );
  return { done: true };
}
