// Marks the customer's latest message read on WhatsApp once an agent has read the conversation.
// Meta marks every earlier message of the thread read with it, so one call per message suffices:
// the message last receipted is recorded per conversation (read_receipts) and claimed by a
// conditional upsert before the call, so a repeated read, or two readers at once, send it once.
// Failures retry a few times, then are logged and dropped (a missing blue tick is not worth
// holding up the conversation's lane); a failed receipt is left claimable for the next read.
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
// Longer than a Graph call can take: a claim this old belongs to a worker that died mid-call.
const CLAIM_LEASE_MS = 5 * 60_000;

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
  if (!(await claimReceipt(deps.db, job, latest.wa_message_id))) return { done: true };
  let answer: Awaited<ReturnType<GraphClient['markRead']>>;
  try {
    answer = await deps.graph.markRead(
      latest.phone_number_id,
      deps.box.open(latest.access_token_enc),
      latest.wa_message_id,
    );
  } catch (err) {
    await settleReceipt(deps.db, job.conversationId, latest.wa_message_id, 'failed');
    throw err;
  }
  await settleReceipt(deps.db, job.conversationId, latest.wa_message_id, answer.ok ? 'sent' : 'failed');
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

/**
 * True when this job may send the receipt: the message was not receipted yet, its last try failed,
 * or the worker that claimed it died (a claim older than the lease). One statement decides, so of
 * two concurrent jobs one sends.
 */
async function claimReceipt(
  db: Db,
  job: { tenantId: string; conversationId: string },
  waMessageId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO read_receipts (conversation_id, tenant_id, wa_message_id, state, claimed_at)
     VALUES ($1, $2, $3, 'sending', now())
     ON CONFLICT (conversation_id) DO UPDATE
       SET wa_message_id = EXCLUDED.wa_message_id, state = 'sending', claimed_at = now()
     WHERE read_receipts.wa_message_id <> EXCLUDED.wa_message_id OR read_receipts.state = 'failed'
        OR (read_receipts.state = 'sending' AND read_receipts.claimed_at < now() - $4 * interval '1 millisecond')
     RETURNING conversation_id`,
    [job.conversationId, job.tenantId, waMessageId, CLAIM_LEASE_MS],
  );
  return rows.length > 0;
}

async function settleReceipt(
  db: Db,
  conversationId: string,
  waMessageId: string,
  state: 'sent' | 'failed',
): Promise<void> {
  await db.query(
    `UPDATE read_receipts SET state = $3 WHERE conversation_id = $1 AND wa_message_id = $2 AND state = 'sending'`,
    [conversationId, waMessageId, state],
  );
}
