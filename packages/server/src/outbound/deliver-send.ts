// One send job: resolve what the Graph call needs, wait for the number's rate limit, record
// `started`, call, record the answer. A job for an attempt that is no longer queued does nothing,
// so a redelivered job can never send twice; one that finds `started` knows a worker died mid-call
// and marks the send `unknown` instead of calling again (CONTRACTS "Outbound").
import type { BlobStore } from '../blob/port.ts';
import { readAll } from '../blob/port.ts';
import type { Logger } from '../log/logger.ts';
import type { Queryable } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';
import type { GraphClient } from './graph-client.ts';
import { graphPayload } from './graph-payload.ts';
import { MESSAGES, type SendFailure } from './meta-errors.ts';
import type { RateLimiter } from './rate-limiter.ts';
import {
  type CommitDeps,
  loadSend,
  markStarted,
  recordAccepted,
  recordFailed,
  recordUnknown,
  requeue,
  type SendRow,
} from './send-ledger.ts';
import type { SendRequest } from './send-request.ts';
import { callbackData } from './settle-unknown.ts';

export interface SendDeps extends CommitDeps {
  box: SecretBox;
  graph: GraphClient;
  limiter: RateLimiter;
  blobs: BlobStore;
  log: Logger;
  /** Graph calls per attempt before a transient failure is given up (default 8, about 4 minutes). */
  maxTries?: number;
  /** Told each settled send (Prometheus: parley_outbound_sends_total). */
  onSettled?: (outcome: 'accepted' | 'failed' | 'unknown') => void;
}

/** done: the job is finished (acked: already removed from the queue in the outcome's transaction). */
export type JobOutcome = { done: true; acked?: boolean } | { done: false; delayMs: number; error: string };
const DONE: JobOutcome = { done: true };

/** Exponential back-off with jitter: 0.5 s, 1 s, 2 s … capped at 60 s, each ±25 %. */
export const backoffMs = (tries: number): number =>
  Math.min(60_000, 500 * 2 ** Math.max(0, tries - 1)) * (0.75 + Math.random() * 0.5);

const permanent = (title: string, details: string | null = null): SendFailure => ({
  verdict: 'permanent',
  code: null,
  title,
  details,
});

type Prepared = { ok: true; token: string; payload: unknown } | { ok: false; failure: SendFailure };

async function wamidOf(q: Queryable, conversationId: string, messageId: string): Promise<string | null> {
  const { rows } = await q.query<{ wa_message_id: string | null }>(
    'SELECT wa_message_id FROM messages WHERE id = $1 AND conversation_id = $2',
    [messageId, conversationId],
  );
  return rows[0]?.wa_message_id ?? null;
}

/** The Graph media id of an agent's upload for this number, uploading it the first time. */
async function graphMediaId(deps: SendDeps, row: SendRow, mediaId: string, token: string) {
  const { rows } = await deps.db.query<{
    blob_key: string | null;
    mime_type: string | null;
    filename: string | null;
    graph_ids: Record<string, { id: string; at: number }>;
  }>('SELECT blob_key, mime_type, filename, graph_ids FROM media WHERE id = $1 AND tenant_id = $2', [
    mediaId,
    row.tenant_id,
  ]);
  const media = rows[0];
  if (!media?.blob_key || !media.mime_type)
    return { ok: false as const, failure: permanent('The attached file is gone: upload it again') };
  const cached = media.graph_ids[row.phone_number_id];
  // Meta keeps uploaded media for 30 days; a day's margin avoids sending an id about to vanish.
  if (cached && Date.now() - cached.at < 29 * 24 * 3600 * 1000)
    return { ok: true as const, value: cached.id };
  const stream = await deps.blobs.get(media.blob_key);
  if (!stream)
    return { ok: false as const, failure: permanent('The attached file is gone: upload it again') };
  const uploaded = await deps.graph.uploadMedia(row.phone_number_id, token, {
    bytes: await readAll(stream),
    mimeType: media.mime_type,
    filename: media.filename ?? 'file',
  });
  if (!uploaded.ok) return uploaded;
  await deps.db.query(
    `UPDATE media SET graph_ids = graph_ids || jsonb_build_object($2::text, jsonb_build_object('id', $3::text, 'at', $4::bigint))
     WHERE id = $1`,
    [mediaId, row.phone_number_id, uploaded.value, Date.now()],
  );
  return { ok: true as const, value: uploaded.value };
}

async function prepare(deps: SendDeps, row: SendRow): Promise<Prepared> {
  if (!row.contact_wa_id)
    return { ok: false, failure: permanent('This contact has no WhatsApp number Parley can send to') };
  if (!row.access_token_enc) return { ok: false, failure: permanent(MESSAGES.token) };
  let token: string;
  try {
    token = deps.box.open(row.access_token_enc);
  } catch (err) {
    // A token sealed with another PARLEY_SECRET_KEY: only an admin can fix it.
    return { ok: false, failure: permanent(MESSAGES.token, (err as Error).message) };
  }
  const send = { kind: row.kind, body: row.body, replyTo: row.body.replyTo } as unknown as SendRequest;
  const targetId =
    send.kind === 'reaction' ? send.body.messageId : typeof send.replyTo === 'string' ? send.replyTo : null;
  let targetWamid: string | undefined;
  if (targetId) {
    targetWamid = (await wamidOf(deps.db, row.conversation_id, targetId)) ?? undefined;
    if (!targetWamid)
      return {
        ok: false,
        failure: permanent(
          'The message you reply or react to never reached WhatsApp, so it cannot be quoted',
        ),
      };
  }
  let mediaGraphId: string | undefined;
  const mediaId = (row.body as { mediaId?: unknown }).mediaId;
  if (typeof mediaId === 'string') {
    const r = await graphMediaId(deps, row, mediaId, token);
    if (!r.ok) return r;
    mediaGraphId = r.value;
  }
  const payload = graphPayload(send, {
    to: row.contact_wa_id,
    targetWamid,
    graphMediaId: mediaGraphId,
    callbackData: callbackData(row.message_id, row.attempt),
  });
  return { ok: true, token, payload };
}

async function onFailure(
  deps: SendDeps,
  row: SendRow,
  failure: SendFailure,
  tries: number,
): Promise<JobOutcome> {
  const maxTries = deps.maxTries ?? 8;
  if (failure.verdict === 'transient' && tries < maxTries) {
    await requeue(deps.db, row, failure);
    deps.log.warn(
      { message: row.message_id, tries, code: failure.code, details: failure.details },
      'outbound: send failed, will retry',
    );
    return { done: false, delayMs: backoffMs(tries), error: failure.details ?? failure.title };
  }
  if (failure.verdict === 'ambiguous') {
    deps.log.warn({ message: row.message_id, details: failure.details }, 'outbound: send outcome unknown');
    await recordUnknown(deps, row);
    deps.onSettled?.('unknown');
    return { done: true, acked: Boolean(deps.inTx) };
  }
  const final = failure.verdict === 'transient' ? { ...failure, title: MESSAGES.gaveUp } : failure;
  deps.log.info({ message: row.message_id, code: final.code }, 'outbound: send failed for good');
  await recordFailed(deps, row, final);
  deps.onSettled?.('failed');
  return { done: true, acked: Boolean(deps.inTx) };
}

export async function deliverSend(
  deps: SendDeps,
  job: { tenantId: string; messageId: string; attempt: number },
  /** Failed runs of this queue job so far: bounds retries of failures before the Graph call. */
  jobAttempts = 0,
): Promise<JobOutcome> {
  const row = await loadSend(deps.db, job.tenantId, job.messageId);
  if (!row || row.attempt !== job.attempt) return DONE;
  if (row.state === 'started') {
    // The previous holder of this job called (or was about to call) Meta and never wrote down
    // the answer: Meta may have the message, so it is not sent again.
    await recordUnknown(deps, row);
    deps.onSettled?.('unknown');
    return { done: true, acked: Boolean(deps.inTx) };
  }
  if (row.state !== 'queued') return DONE;
  const prepared = await prepare(deps, row);
  if (!prepared.ok) {
    // Nothing was sent yet (a media upload failed): repeating the upload cannot duplicate a message.
    const f = prepared.failure;
    return onFailure(
      deps,
      row,
      f.verdict === 'ambiguous' ? { ...f, verdict: 'transient' } : f,
      jobAttempts + 1,
    );
  }
  await deps.limiter.acquire(row.phone_number_id);
  const tries = await markStarted(deps.db, row);
  if (tries === null) return DONE;
  const answer = await deps.graph.sendMessage(row.phone_number_id, prepared.token, prepared.payload);
  if (answer.ok) {
    await recordAccepted(deps, row, answer.value);
    deps.onSettled?.('accepted');
    return { done: true, acked: Boolean(deps.inTx) };
  }
  return onFailure(deps, row, answer.failure, tries);
}
