// The API side of a send, inside the caller's transaction: idempotency on the client id, the
// 24-hour window, the references a send makes (quoted message, reacted-to message, uploaded file),
// then the message row (pending), its ledger row and the event-log entries. The job is enqueued by
// the caller after commit.
import type { Conversation, Message } from '@parley/sync';
import { renderTemplate, templateShape, templateValuesProblem } from '@parley/sync';
import { ParleyError } from '../errors.ts';
import type { NewEntry } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';
import { MESSAGE_COLUMNS, type MessageRow, toMessage } from '../store/entities.ts';
import { type MediaDescriptor, mediaUrl } from './media-download.ts';
import { fitsKind, MEDIA_RULES } from './media-limits.ts';
import { sendJob } from './outbound-jobs.ts';
import { isMediaKind, needsWindow, previewOfSend, type SendRequest } from './send-request.ts';

export interface SendInput {
  tenantId: string;
  agentId: string | null;
  conversation: Conversation;
  send: SendRequest;
}

export interface Inserted {
  message: Message;
  /** The queue item to append after commit, or null when nothing is left to do. */
  enqueue: { lane: string; payload: string } | null;
  /** The attempt the job is for. */
  attempt: number;
}

const windowOpen = (c: Conversation) =>
  Boolean(c.windowExpiresAt && Date.parse(c.windowExpiresAt) > Date.now());

async function requireMessageIn(q: Queryable, c: Conversation, id: string, what: string): Promise<void> {
  const { rows } = await q.query('SELECT 1 FROM messages WHERE id = $1 AND conversation_id = $2', [id, c.id]);
  if (!rows[0])
    throw new ParleyError('PARLEY_ERR_VALIDATION', `${what} names no message of this conversation`);
}

/**
 * With the channel's templates cached, a send of one that is missing or not approved fails here
 * with a clear reason instead of in the worker; with no cache yet, Meta decides.
 */
async function requireUsableTemplate(
  q: Queryable,
  channelId: string,
  send: Extract<SendRequest, { kind: 'template' }>['body'],
): Promise<string | null> {
  const { name, language } = send;
  const { rows } = await q.query<{ status: string | null; components: unknown[] | null; cached: boolean }>(
    `SELECT (SELECT status FROM message_templates WHERE channel_id = $1 AND name = $2 AND language = $3) AS status,
            (SELECT components FROM message_templates WHERE channel_id = $1 AND name = $2 AND language = $3) AS components,
            EXISTS (SELECT 1 FROM message_templates WHERE channel_id = $1) AS cached`,
    [channelId, name, language],
  );
  const r = rows[0];
  if (!r?.cached) return null;
  if (r.status !== 'APPROVED')
    throw new ParleyError(
      'PARLEY_ERR_VALIDATION',
      r.status
        ? `The template ${name} (${language}) is ${r.status.toLowerCase()}, not approved: pick an approved one`
        : `This channel has no template ${name} in ${language}: see GET /api/v1/channels/${channelId}/templates`,
    );
  // The values must fill the template's variables: Meta fails a send that does not (error 132000)
  // only after it has left; here the agent learns why at once, and the stored text is what the
  // customer reads.
  const shape = templateShape(r.components ?? []);
  const values = templateValuesOf(send.components ?? []);
  const problem = templateValuesProblem(name, shape, values);
  if (problem) throw new ParleyError('PARLEY_ERR_VALIDATION', problem);
  return renderTemplate(shape, values);
}

/** The text values a send gives the header and body (a currency or date by its fallback text). */
function templateValuesOf(components: readonly { type: string; parameters: Record<string, unknown>[] }[]) {
  const texts = (type: string) =>
    components
      .find((c) => c.type === type)
      ?.parameters.filter((p) => p['type'] !== 'image' && p['type'] !== 'video' && p['type'] !== 'document')
      .map((p) => {
        const fallback = (p[String(p['type'])] as { fallback_value?: unknown } | undefined)?.fallback_value;
        return String(p['text'] ?? fallback ?? '');
      });
  return { header: texts('header') ?? [], body: texts('body') ?? [] };
}

async function uploadedMedia(
  q: Queryable,
  tenantId: string,
  kind: string,
  id: string,
): Promise<MediaDescriptor> {
  const { rows } = await q.query<{ mime_type: string; size: number; sha256: string }>(
    `SELECT mime_type, size, sha256 FROM media
     WHERE id = $1 AND tenant_id = $2 AND direction = 'out' AND state = 'stored'`,
    [id, tenantId],
  );
  const m = rows[0];
  if (!m)
    throw new ParleyError(
      'PARLEY_ERR_VALIDATION',
      'mediaId names no uploaded file: upload it with POST /api/v1/media',
    );
  if (isMediaKind(kind) && !fitsKind(kind, m.mime_type))
    throw new ParleyError(
      'PARLEY_ERR_VALIDATION',
      `A file of type ${m.mime_type} cannot be sent as ${kind}: WhatsApp takes ${MEDIA_RULES[kind].types.join(', ')}`,
    );
  return { id, url: mediaUrl(id), mime: m.mime_type, size: Number(m.size), sha256: m.sha256 };
}

export async function insertSend(
  q: Queryable,
  input: SendInput,
): Promise<{ value: Inserted; entries: NewEntry[] }> {
  const { tenantId, conversation: conv, send } = input;
  const existing = await q.query<
    MessageRow & { state: string | null; tries: number | null; attempt: number | null }
  >(
    `SELECT ${MESSAGE_COLUMNS}, s.state, s.tries, s.attempt FROM messages m
     LEFT JOIN outbound_sends s ON s.message_id = m.id WHERE m.tenant_id = $1 AND m.client_id = $2`,
    [tenantId, send.clientId],
  );
  const found = existing.rows[0];
  if (found) {
    if (found.conversation_id !== conv.id)
      throw new ParleyError('PARLEY_ERR_CONFLICT', 'this clientId was already used for another conversation');
    // Still waiting for its first try: append again in case the first append was lost. A job for
    // a send that already left is a no-op, so a duplicate costs nothing.
    const again = found.state === 'queued' && found.tries === 0 && found.attempt !== null;
    return {
      value: {
        message: toMessage(found),
        enqueue: again ? sendJob(tenantId, conv.id, found.id, found.attempt!) : null,
        attempt: found.attempt ?? 1,
      },
      entries: [],
    };
  }
  if (needsWindow(send.kind) && !windowOpen(conv)) throw new ParleyError('PARLEY_ERR_WINDOW_CLOSED');
  const rendered =
    send.kind === 'template' ? await requireUsableTemplate(q, conv.channelId, send.body) : null;
  if (send.replyTo) await requireMessageIn(q, conv, send.replyTo, 'replyTo');
  if (send.kind === 'reaction') await requireMessageIn(q, conv, send.body.messageId, 'body.messageId');
  const mediaId = (send.body as { mediaId?: string }).mediaId;
  const media = mediaId ? await uploadedMedia(q, tenantId, send.kind, mediaId) : undefined;
  const body = {
    ...send.body,
    ...(send.replyTo && { replyTo: send.replyTo }),
    ...(media && { media }),
    ...(rendered !== null && { text: rendered }),
  };

  // The message and its ledger row in one statement.
  const { rows } = await q.query<MessageRow>(
    `WITH ins AS (
       INSERT INTO messages AS m (tenant_id, conversation_id, direction, kind, body, status, client_id, author_id)
       VALUES ($1, $2, 'out', $3, $4, 'pending', $5, $6) RETURNING ${MESSAGE_COLUMNS}
     ), ledger AS (
       INSERT INTO outbound_sends (message_id, tenant_id, conversation_id) SELECT id, $1, $2 FROM ins
     )
     SELECT * FROM ins`,
    [tenantId, conv.id, send.kind, JSON.stringify(body), send.clientId, input.agentId],
  );
  const message = toMessage(rows[0]!);
  const scope = { channelId: conv.channelId, agentId: conv.assigneeId, teamId: conv.teamId };
  const { version: _v, ...data } = message;
  const entries: NewEntry[] = [{ type: 'message.created', entityId: message.id, data, scope }];
  // Reactions do not move the thread to the top, as with the customer's.
  if (send.kind !== 'reaction') {
    const preview = (rendered ?? previewOfSend(send)).slice(0, 140);
    await q.query(
      'UPDATE conversations SET last_message_at = $2, last_message_preview = $3, updated_at = now() WHERE id = $1',
      [conv.id, message.createdAt, preview],
    );
    entries.push({
      type: 'conversation.updated',
      entityId: conv.id,
      data: { lastMessageAt: message.createdAt, lastMessagePreview: preview },
      scope,
    });
  }
  return { value: { message, enqueue: sendJob(tenantId, conv.id, message.id, 1), attempt: 1 }, entries };
}

/**
 * An agent's Retry of a failed (or unconfirmed) send: a new attempt, from `pending`. Of a send still
 * pending and never started: its job queued again. Refused for a message Meta accepted and did not
 * fail, which would reach the customer twice, and for one whose outcome is awaited (`unknown`).
 */
export async function restartSend(
  q: Queryable,
  tenantId: string,
  conv: Conversation,
  messageId: string,
): Promise<{ value: Inserted; entries: NewEntry[] }> {
  const { rows } = await q.query<MessageRow & { attempt: number; state: string }>(
    `SELECT ${MESSAGE_COLUMNS}, s.attempt, s.state FROM messages m JOIN outbound_sends s ON s.message_id = m.id
     WHERE m.tenant_id = $1 AND m.id = $2 AND m.conversation_id = $3 FOR UPDATE OF s`,
    [tenantId, messageId, conv.id],
  );
  const row = rows[0];
  if (!row)
    throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No message of yours with this id in this conversation');
  if (row.status === 'pending' && row.state === 'queued') {
    // Stored but maybe never queued (the API process died, or the queue was down): queue the same
    // attempt again. Should its job still be waiting, the spare one finds the send gone and does nothing.
    return {
      value: {
        message: toMessage(row),
        enqueue: sendJob(tenantId, conv.id, messageId, row.attempt),
        attempt: row.attempt,
      },
      entries: [],
    };
  }
  if (row.status !== 'failed')
    throw new ParleyError(
      'PARLEY_ERR_CONFLICT',
      row.status === 'unknown'
        ? 'Parley is still waiting for WhatsApp to confirm this message: retry once it shows as failed'
        : `Only a failed message can be retried; this one is ${row.status}`,
    );
  if (row.kind !== 'template' && !windowOpen(conv)) throw new ParleyError('PARLEY_ERR_WINDOW_CLOSED');
  const attempt = row.attempt + 1;
  await q.query(
    `UPDATE outbound_sends SET attempt = $2, state = 'queued', tries = 0, started_at = NULL, answered_at = NULL,
       last_error = NULL, enqueued_at = NULL, queued_at = now() WHERE message_id = $1`,
    [messageId, attempt],
  );
  const updated = await q.query<MessageRow>(
    `UPDATE messages AS m SET status = 'pending', error = NULL, wa_message_id = NULL WHERE id = $1
     RETURNING ${MESSAGE_COLUMNS}`,
    [messageId],
  );
  const message = toMessage(updated.rows[0]!);
  const scope = { channelId: conv.channelId, agentId: conv.assigneeId, teamId: conv.teamId };
  return {
    value: { message, enqueue: sendJob(tenantId, conv.id, messageId, attempt), attempt },
    entries: [
      {
        type: 'message.updated',
        entityId: messageId,
        data: { conversationId: conv.id, status: 'pending', error: null, waMessageId: null },
        scope,
      },
    ],
  };
}
