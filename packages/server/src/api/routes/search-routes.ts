// Full-text search over the tenant's messages (text bodies and captions) and contacts (name, phone,
// WhatsApp id), newest first, only what the caller may see. PostgreSQL full-text search with the
// 'simple' configuration; the tsvector expressions match the GIN indexes of 002_api.sql exactly.
import { MessageSchema } from '@parley/sync';
import { z } from 'zod';
import { loadVisibility, visibleConversationsSql } from '../../auth/visibility.ts';
import type { ContactRow } from '../../inbox/merge-contacts.ts';
import { MESSAGE_COLUMNS, type MessageRow, toMessage } from '../../store/entities.ts';
import { principal, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import { decodePage, encodePage } from '../page-cursor.ts';
import type { ApiPlugin } from '../plugin.ts';
import { ContactDetailSchema, toContact, visibleContactsSql } from './contacts-routes.ts';

const MESSAGE_TSV = `to_tsvector('simple', coalesce(m.body ->> 'body', '') || ' ' || coalesce(m.body ->> 'caption', ''))`;
const CONTACT_TSV = `to_tsvector('simple', coalesce(k.name, '') || ' ' || coalesce(k.phone, '') || ' ' || coalesce(k.wa_id, ''))`;

export const SearchHitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), message: MessageSchema }),
  z.object({ kind: z.literal('contact'), contact: ContactDetailSchema }),
]);

type SearchHit = z.infer<typeof SearchHitSchema>;
type Hit = { kind: 'message'; id: string; at: Date } | { kind: 'contact'; id: string; at: Date };

export const searchRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;

  app.get(
    '/api/v1/search',
    {
      preHandler: requireAuth(db),
      schema: {
        tags: ['search'],
        summary:
          'Find messages and contacts by words (all words must match; "quoted phrases" and -excluded work)',
        querystring: z.object({
          q: z.string().trim().min(1, 'expected words to search for').max(200),
          in: z.enum(['all', 'messages', 'contacts']).default('all'),
          page: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          ...errorResponses,
          200: z.object({ items: z.array(SearchHitSchema), nextPage: z.string().nullable() }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { q: text, limit } = req.query;
      const after = decodePage(req.query.page);
      const vis = await loadVisibility(db, p);
      const params: unknown[] = [p.tenantId, text, limit + 1, after?.[0] ?? null, after?.[1] ?? null];
      const page = `($4::timestamptz IS NULL OR (at, id) < ($4::timestamptz, $5::uuid))`;
      const parts: string[] = [];
      if (req.query.in !== 'contacts') {
        const v = visibleConversationsSql(vis, params.length + 1);
        params.push(...v.params);
        parts.push(`SELECT 'message' AS kind, m.id, m.created_at AS at FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.tenant_id = $1 AND ${v.sql} AND ${MESSAGE_TSV} @@ websearch_to_tsquery('simple', $2)`);
      }
      if (req.query.in !== 'messages') {
        const v = visibleContactsSql(vis, params.length + 1);
        params.push(...v.params);
        parts.push(`SELECT 'contact' AS kind, k.id, k.created_at AS at FROM contacts k
          WHERE k.tenant_id = $1 AND ${v.sql} AND ${CONTACT_TSV} @@ websearch_to_tsquery('simple', $2)`);
      }
      const { rows } = await db.query<Hit>(
        `SELECT kind, id, at FROM (${parts.join(' UNION ALL ')}) hits WHERE ${page} ORDER BY at DESC, id DESC LIMIT $3`,
        params,
      );
      const hits = rows.slice(0, limit);
      const messageIds = hits.filter((h) => h.kind === 'message').map((h) => h.id);
      const contactIds = hits.filter((h) => h.kind === 'contact').map((h) => h.id);
      const [messages, contacts] = await Promise.all([
        db.query<MessageRow>(
          `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.tenant_id = $1 AND m.id = ANY($2::uuid[])`,
          [p.tenantId, messageIds],
        ),
        db.query<ContactRow>(
          'SELECT k.id, k.wa_id, k.user_id, k.name, k.phone, k.attributes, k.created_at, k.version FROM contacts k WHERE k.tenant_id = $1 AND k.id = ANY($2::uuid[])',
          [p.tenantId, contactIds],
        ),
      ]);
      const byMessage = new Map(messages.rows.map((r) => [r.id, r]));
      const byContact = new Map(contacts.rows.map((r) => [r.id, r]));
      const items: SearchHit[] = [];
      for (const h of hits) {
        const m = h.kind === 'message' ? byMessage.get(h.id) : undefined;
        const k = h.kind === 'contact' ? byContact.get(h.id) : undefined;
        if (m) items.push({ kind: 'message', message: toMessage(m) });
        if (k) items.push({ kind: 'contact', contact: toContact(k) });
      }
      const last = hits.at(-1);
      return {
        items,
        nextPage: rows.length > limit && last ? encodePage([last.at.toISOString(), last.id]) : null,
      };
    },
  );
};
