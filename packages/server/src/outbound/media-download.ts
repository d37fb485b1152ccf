// Inbound media: resolve Meta's media id to a short-lived URL, download it with the channel's token
// at once (the URL expires after about five minutes, so every retry asks for a fresh one), check
// size, type and checksum, keep the bytes in blob storage, and put a descriptor on the message.
// A file that cannot be had after the retries is marked unavailable; the message itself was
// already shown when it arrived, so a download never holds anything up.
import { createHash, randomUUID } from 'node:crypto';
import type { BlobStore } from '../blob/port.ts';
import { commitChanges } from '../events/commit-changes.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretBox } from '../store/secret-box.ts';
import { backoffMs, type JobOutcome } from './deliver-send.ts';
import type { GraphClient } from './graph-client.ts';
import { checkDownload, MEDIA_RULES } from './media-limits.ts';
import { messageEntry } from './message-entry.ts';
import type { CommitDeps } from './send-ledger.ts';
import { isMediaKind } from './send-request.ts';

export interface MediaDeps extends CommitDeps {
  box: SecretBox;
  graph: GraphClient;
  blobs: BlobStore;
  log: Logger;
  maxAttempts?: number;
}

export interface MediaDescriptor {
  id: string;
  url: string;
  mime: string;
  size: number;
  sha256: string;
}

export const mediaUrl = (id: string): string => `/api/v1/media/${id}`;

interface Row {
  kind: string;
  body: Record<string, unknown>;
  conversation_id: string;
  access_token_enc: string | null;
}

type Step<T> = { ok: true; value: T } | { ok: false; transient: boolean; reason: string };

async function fetchFile(
  deps: MediaDeps,
  kind: Parameters<typeof checkDownload>[0],
  mediaId: string,
  token: string,
): Promise<Step<{ bytes: Buffer; mime: string; sha256: string }>> {
  const info = await deps.graph.mediaInfo(mediaId, token);
  if (!info.ok) {
    const f = info.failure;
    // 100 on a media id: Meta does not know it (media ids of customers' files expire after 30 days).
    const reason = f.code === 100 ? 'WhatsApp no longer has this file' : f.title;
    return { ok: false, transient: f.verdict !== 'permanent', reason };
  }
  const limit = MEDIA_RULES[kind].maxBytes;
  const early = info.value.size === null ? null : checkDownload(kind, info.value.mimeType, info.value.size);
  if (early) return { ok: false, transient: false, reason: early };
  const got = await deps.graph.download(info.value.url, token, limit);
  if (!got.ok)
    return { ok: false, transient: got.failure.verdict !== 'permanent', reason: got.failure.title };
  const mime = info.value.mimeType ?? got.value.mimeType ?? 'application/octet-stream';
  const problem = checkDownload(kind, mime, got.value.bytes.length);
  if (problem) return { ok: false, transient: false, reason: problem };
  const sha256 = createHash('sha256').update(got.value.bytes).digest('hex');
  // Meta gives the checksum in hex here (base64 in webhooks): a mismatch is a broken transfer.
  if (info.value.sha256 && info.value.sha256.toLowerCase() !== sha256)
    return { ok: false, transient: true, reason: 'the downloaded file does not match its checksum' };
  return { ok: true, value: { bytes: got.value.bytes, mime, sha256 } };
}

export async function downloadInboundMedia(
  deps: MediaDeps,
  job: { tenantId: string; messageId: string },
  jobAttempts: number,
): Promise<JobOutcome> {
  const { rows } = await deps.db.query<Row>(
    `SELECT m.kind, m.body, m.conversation_id, ch.access_token_enc
     FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN channels ch ON ch.id = c.channel_id
     WHERE m.tenant_id = $1 AND m.id = $2 AND m.direction = 'in'
       AND NOT EXISTS (SELECT 1 FROM media x WHERE x.tenant_id = m.tenant_id AND x.message_id = m.id AND x.direction = 'in')`,
    [job.tenantId, job.messageId],
  );
  const row = rows[0];
  const mediaId = row?.body.mediaId;
  if (!row || !isMediaKind(row.kind) || typeof mediaId !== 'string') return { done: true };
  const step: Step<{ bytes: Buffer; mime: string; sha256: string }> = row.access_token_enc
    ? await fetchFile(deps, row.kind, mediaId, deps.box.open(row.access_token_enc))
    : { ok: false, transient: false, reason: 'the channel has no access token' };
  if (!step.ok) {
    if (step.transient && jobAttempts + 1 < (deps.maxAttempts ?? 5))
      return { done: false, delayMs: backoffMs(jobAttempts + 1), error: step.reason };
    deps.log.warn({ message: job.messageId, reason: step.reason }, 'outbound: inbound media unavailable');
    await record(deps, job, row, { unavailable: true, reason: step.reason }, null);
    return { done: true };
  }
  const id = randomUUID();
  const key = `${job.tenantId}/${id}`;
  await deps.blobs.put(key, step.value.bytes, step.value.mime);
  const media: MediaDescriptor = {
    id,
    url: mediaUrl(id),
    mime: step.value.mime,
    size: step.value.bytes.length,
    sha256: step.value.sha256,
  };
  const stored = await record(deps, job, row, media, { id, key, mediaId });
  if (!stored) await deps.blobs.delete(key); // Another worker stored it first.
  return { done: true };
}

async function record(
  deps: MediaDeps,
  job: { tenantId: string; messageId: string },
  row: Row,
  media: MediaDescriptor | { unavailable: true; reason: string },
  file: { id: string; key: string; mediaId: string } | null,
): Promise<boolean> {
  const { value } = await commitChanges(deps.db, deps.pubsub, deps.prefix, job.tenantId, async (q) => {
    const ok = 'id' in media;
    const ins = await q.query(
      `INSERT INTO media (id, tenant_id, direction, message_id, conversation_id, wa_media_id, blob_key, mime_type, size, sha256, state, reason)
       VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, 'in', $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id, message_id) WHERE direction = 'in' DO NOTHING`,
      [
        file?.id ?? null,
        job.tenantId,
        job.messageId,
        row.conversation_id,
        typeof row.body.mediaId === 'string' ? row.body.mediaId : null,
        file?.key ?? null,
        ok ? media.mime : null,
        ok ? media.size : null,
        ok ? media.sha256 : null,
        ok ? 'stored' : 'unavailable',
        ok ? null : media.reason,
      ],
    );
    if (ins.rowCount === 0) return { value: false, entries: [] };
    await q.query(`UPDATE messages SET body = body || jsonb_build_object('media', $2::jsonb) WHERE id = $1`, [
      job.messageId,
      JSON.stringify(media),
    ]);
    const entry = await messageEntry(q, row.conversation_id, job.messageId, { body: { media } });
    return { value: true, entries: [entry] };
  });
  return value;
}
