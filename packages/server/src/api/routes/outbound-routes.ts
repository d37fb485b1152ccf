// Outbound beside the send route: agents' media uploads and downloads, the channel's templates,
// and Retry of a failed send. See docs/outbound.md.
import { createHash, randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { isAdmin, type Principal } from '../../auth/principal.ts';
import { canSee, loadVisibility, visibleConversationsSql } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { commitSend, NOT_QUEUED_NOTICE, SendAnswerSchema } from '../../outbound/commit-send.ts';
import { createGraphClient } from '../../outbound/graph-client.ts';
import { restartSend } from '../../outbound/insert-send.ts';
import { mediaUrl } from '../../outbound/media-download.ts';
import { checkUpload, MEDIA_RULES } from '../../outbound/media-limits.ts';
import { listTemplates } from '../../outbound/template-cache.ts';
import { loadConversation } from '../../store/entities.ts';
import { principal, requireAuth } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

const MAX_UPLOAD = MEDIA_RULES.document.maxBytes;

const MediaSchema = z.object({
  id: z.string(),
  url: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  kind: z.string(),
  filename: z.string().nullable(),
});

const TemplateSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string().nullable(),
  components: z.array(z.unknown()),
});

export const outboundRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);

  /** A channel's templates are for who sees the channel, or one of its conversations; else 404. */
  const requireChannelSight = async (p: Principal, channelId: string) => {
    const vis = await loadVisibility(db, p);
    if (vis.all || vis.channelIds.has(channelId)) return;
    const visible = visibleConversationsSql(vis, 3);
    const { rows } = await db.query(
      `SELECT 1 FROM conversations c WHERE c.tenant_id = $1 AND c.channel_id = $2 AND ${visible.sql} LIMIT 1`,
      [p.tenantId, channelId, ...visible.params],
    );
    if (!rows[0]) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No channel with this id is visible to you');
  };
  const graph = createGraphClient({
    baseUrl: ctx.config.WHATSAPP_GRAPH_URL,
    version: ctx.config.WHATSAPP_GRAPH_VERSION,
  });
  // One file per request; the cap is WhatsApp's largest (documents), each kind's own is checked after.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 5 } });

  app.post(
    '/api/v1/media',
    {
      preHandler: auth,
      schema: {
        tags: ['media'],
        summary: 'Upload a file to send (multipart/form-data, field "file")',
        description:
          "WhatsApp's limits: images JPEG/PNG ≤ 5 MB, video MP4/3GPP ≤ 16 MB, audio AAC/AMR/MP3/MP4/OGG ≤ 16 MB, " +
          'stickers WebP ≤ 500 KB, documents (PDF, text, Office) ≤ 100 MB. Answers 413 or 415 otherwise. ' +
          'Send it with kind image/video/audio/sticker/document and body.mediaId.',
        response: { 201: z.object({ media: MediaSchema }) },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      if (!req.isMultipart())
        throw new ParleyError(
          'PARLEY_ERR_VALIDATION',
          'Send the file as multipart/form-data in a field named "file"',
        );
      const file = await req.file();
      if (!file)
        throw new ParleyError('PARLEY_ERR_VALIDATION', 'No file in the request: use a field named "file"');
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new ParleyError('PARLEY_ERR_PAYLOAD_TOO_LARGE', 'WhatsApp takes no file larger than 100 MB');
        throw err;
      }
      const check = checkUpload(file.mimetype, bytes.length);
      if (!check.ok)
        throw new ParleyError(
          check.reason === 'type' ? 'PARLEY_ERR_UNSUPPORTED_MEDIA' : 'PARLEY_ERR_PAYLOAD_TOO_LARGE',
          check.message,
        );
      const id = randomUUID();
      const key = `${p.tenantId}/${id}`;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const mime = file.mimetype.split(';')[0]!.trim().toLowerCase();
      await ctx.blobs.put(key, bytes, mime);
      const filename = file.filename ? file.filename.slice(0, 240) : null;
      await db.query(
        `INSERT INTO media (id, tenant_id, direction, blob_key, mime_type, size, sha256, filename, uploaded_by)
         VALUES ($1, $2, 'out', $3, $4, $5, $6, $7, $8)`,
        [id, p.tenantId, key, mime, bytes.length, sha256, filename, p.agentId],
      );
      return reply.code(201).send({
        media: { id, url: mediaUrl(id), mime, size: bytes.length, sha256, kind: check.kind, filename },
      });
    },
  );

  app.get(
    '/api/v1/media/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['media'],
        summary:
          "A media file: a customer's (if you can see the conversation) or one uploaded in your tenant",
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const { rows } = await db.query<{
        direction: 'in' | 'out';
        conversation_id: string | null;
        blob_key: string | null;
        mime_type: string | null;
        size: number | null;
        filename: string | null;
        state: string;
      }>(
        'SELECT direction, conversation_id, blob_key, mime_type, size, filename, state FROM media WHERE tenant_id = $1 AND id = $2',
        [p.tenantId, req.params.id],
      );
      const m = rows[0];
      const notFound = () =>
        new ParleyError('PARLEY_ERR_NOT_FOUND', 'No media file with this id is visible to you');
      if (!m) throw notFound();
      // Customers' files follow their conversation's visibility; uploads are shared by the tenant's agents.
      if (m.direction === 'in' && !isAdmin(p)) {
        const c = m.conversation_id ? await loadConversation(db, p.tenantId, m.conversation_id) : null;
        const vis = await loadVisibility(db, p);
        if (!c || !canSee(vis, { channelId: c.channelId, agentId: c.assigneeId, teamId: c.teamId }))
          throw notFound();
      }
      if (m.state !== 'stored' || !m.blob_key)
        throw new ParleyError(
          'PARLEY_ERR_NOT_FOUND',
          'This media file could not be downloaded from WhatsApp',
        );
      const stream = await ctx.blobs.get(m.blob_key);
      if (!stream) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'This media file is missing from storage');
      reply
        .header('content-type', m.mime_type ?? 'application/octet-stream')
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('x-content-type-options', 'nosniff')
        // Never rendered as a page of ours: a file a customer sent could be HTML.
        .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
      if (m.size !== null) reply.header('content-length', String(m.size));
      if (m.filename)
        reply.header('content-disposition', `inline; filename="${m.filename.replace(/["\\\r\n]/g, '_')}"`);
      return reply.send(stream);
    },
  );

  app.get(
    '/api/v1/channels/:id/templates',
    {
      preHandler: auth,
      schema: {
        tags: ['channels'],
        summary: "The channel's message templates (approved only, unless all=true), cached for ten minutes",
        params: z.object({ id: z.uuid() }),
        querystring: z.object({
          refresh: z.stringbool().optional().describe('Fetch from WhatsApp now instead of the cache'),
          all: z.stringbool().optional().describe('Include templates that are not approved'),
        }),
        response: {
          200: z.object({
            templates: z.array(TemplateSchema),
            syncedAt: z.string().nullable(),
            stale: z.boolean(),
          }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      await requireChannelSight(p, req.params.id);
      const list = await listTemplates({ db, box: ctx.box, graph }, p.tenantId, req.params.id, req.query);
      if (!list) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No channel with this id in your tenant');
      if (list.stale && list.syncedAt === null)
        throw new ParleyError(
          'PARLEY_ERR_UNAVAILABLE',
          "Could not load the channel's templates from WhatsApp: check its WABA id and access token, then try again",
        );
      return list;
    },
  );

  app.post(
    '/api/v1/conversations/:id/messages/:messageId/retry',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary: 'Send a failed message again (a new attempt), or queue a pending one that never left',
        params: z.object({ id: z.uuid(), messageId: z.uuid() }),
        response: { 202: SendAnswerSchema },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const vis = await loadVisibility(db, p);
      const { value, seqs, queued } = await commitSend(ctx, p.tenantId, async (q) => {
        const c = await loadConversation(q, p.tenantId, req.params.id);
        if (!c || !canSee(vis, { channelId: c.channelId, agentId: c.assigneeId, teamId: c.teamId }))
          throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No conversation with this id is visible to you');
        return restartSend(q, p.tenantId, c, req.params.messageId);
      });
      return reply.code(202).send({
        message: { ...value.message, version: seqs[0] ?? value.message.version },
        queued,
        ...(!queued && { notice: NOT_QUEUED_NOTICE }),
      });
    },
  );
};
