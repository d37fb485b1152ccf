// Contacts (the customers): list and find, view, edit name and attributes, merge two into one.
// An agent sees a contact when they see one of its conversations; owners and admins see all.
import { z } from 'zod';
import { isAdmin } from '../../auth/principal.ts';
import { loadVisibility, type Visibility, visibleConversationsSql } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { commitChanges } from '../../events/commit-changes.ts';
import { contactEntries } from '../../inbox/contact-entries.ts';
import { CONTACT_COLUMNS, type ContactRow, lockContact, mergeContacts } from '../../inbox/merge-contacts.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import type { Queryable } from '../../store/db.ts';
import { principal, requireAdmin, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import { decodePage, encodePage } from '../page-cursor.ts';
import type { ApiPlugin } from '../plugin.ts';

export const ContactDetailSchema = z.object({
  id: z.string(),
  waId: z.string().nullable(),
  userId: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  version: z.number().int(),
});
type ContactDetail = z.infer<typeof ContactDetailSchema>;

const idParams = z.object({ id: z.uuid({ message: 'expected a contact id (UUID)' }) });

export const toContact = (r: ContactRow): ContactDetail => ({
  id: r.id,
  waId: r.wa_id,
  userId: r.user_id,
  name: r.name,
  phone: r.phone,
  attributes: r.attributes,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

/** SQL over contacts aliased `k`: the caller sees one of its conversations. Parameters from $from. */
export function visibleContactsSql(v: Visibility, from: number): { sql: string; params: unknown[] } {
  if (v.all) return { sql: 'TRUE', params: [] };
  const c = visibleConversationsSql(v, from);
  return {
    sql: `EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = k.id AND ${c.sql})`,
    params: c.params,
  };
}

async function visibleContact(
  q: Queryable,
  tenantId: string,
  id: string,
  v: Visibility,
): Promise<ContactRow> {
  const vis = visibleContactsSql(v, 3);
  const { rows } = await q.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts k WHERE k.tenant_id = $1 AND k.id = $2 AND ${vis.sql}`,
    [tenantId, id, ...vis.params],
  );
  if (!rows[0]) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No contact with this id is visible to you');
  return rows[0];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

// Contact attributes are copied into every sync page and socket message that carries the contact:
// bounded, so one agent cannot make pages of megabytes (issue 16, finding 7).
export const CONTACT_ATTRIBUTES_MAX_KEYS = 50;
export const ATTRIBUTE_MAX_CHARS = 1000;
export const CONTACT_ATTRIBUTES_MAX_BYTES = 16 * 1024;

export const contactsRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);

  app.get(
    '/api/v1/contacts',
    {
      preHandler: auth,
      schema: {
        tags: ['contacts'],
        summary:
          'A page of contacts you may see, newest first; q finds by part of the name, phone or WhatsApp id',
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          page: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          ...errorResponses,
          200: z.object({ items: z.array(ContactDetailSchema), nextPage: z.string().nullable() }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { q: text, limit } = req.query;
      const after = decodePage(req.query.page);
      const vis = await loadVisibility(db, p);
      const params: unknown[] = [p.tenantId];
      const where = ['k.tenant_id = $1'];
      const v = visibleContactsSql(vis, 2);
      params.push(...v.params);
      where.push(v.sql);
      if (text) {
        params.push(`%${escapeLike(text)}%`);
        const n = params.length;
        where.push(`(k.name ILIKE $${n} OR k.phone ILIKE $${n} OR k.wa_id ILIKE $${n})`);
      }
      if (after) {
        params.push(after[0], after[1]);
        where.push(`(k.created_at, k.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
      }
      params.push(limit + 1);
      const { rows } = await db.query<ContactRow>(
        `SELECT ${CONTACT_COLUMNS} FROM contacts k WHERE ${where.join(' AND ')}
         ORDER BY k.created_at DESC, k.id DESC LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toContact),
        nextPage: rows.length > limit && last ? encodePage([last.created_at.toISOString(), last.id]) : null,
      };
    },
  );

  app.get(
    '/api/v1/contacts/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['contacts'],
        summary: 'One contact, with the ids of its conversations you may see',
        params: idParams,
        response: {
          ...errorResponses,
          200: z.object({ contact: ContactDetailSchema, conversationIds: z.array(z.string()) }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const vis = await loadVisibility(db, p);
      const k = await visibleContact(db, p.tenantId, req.params.id, vis);
      const c = visibleConversationsSql(vis, 3);
      const { rows } = await db.query<{ id: string }>(
        `SELECT c.id FROM conversations c WHERE c.tenant_id = $1 AND c.contact_id = $2 AND ${c.sql}
         ORDER BY c.last_message_at DESC NULLS LAST, c.id`,
        [p.tenantId, k.id, ...c.params],
      );
      return { contact: toContact(k), conversationIds: rows.map((r) => r.id) };
    },
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['contacts'],
        summary: "Change a contact's name or attributes (attributes merge: a key set to null is removed)",
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(200).nullish(),
          attributes: z
            .record(z.string().min(1).max(100), z.unknown())
            .refine((a) => Object.keys(a).length <= CONTACT_ATTRIBUTES_MAX_KEYS, {
              message: `expected at most ${CONTACT_ATTRIBUTES_MAX_KEYS} attributes`,
            })
            .refine(
              (a) => Object.values(a).every((v) => JSON.stringify(v ?? null).length <= ATTRIBUTE_MAX_CHARS),
              {
                message: `expected each attribute's value to take at most ${ATTRIBUTE_MAX_CHARS} characters as JSON`,
              },
            )
            .optional(),
        }),
        response: {
          ...errorResponses,
          200: ContactDetailSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const vis = await loadVisibility(db, p);
      const { value, seqs } = await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        await visibleContact(q, p.tenantId, req.params.id, vis);
        const before = await lockContact(q, p.tenantId, req.params.id);
        const attrs = { ...before.attributes, ...req.body.attributes };
        for (const [k, v] of Object.entries(attrs)) if (v === null) delete attrs[k];
        if (
          Object.keys(attrs).length > CONTACT_ATTRIBUTES_MAX_KEYS ||
          Buffer.byteLength(JSON.stringify(attrs)) > CONTACT_ATTRIBUTES_MAX_BYTES
        )
          throw new ParleyError(
            'PARLEY_ERR_PAYLOAD_TOO_LARGE',
            `A contact holds at most ${CONTACT_ATTRIBUTES_MAX_KEYS} attributes and ${CONTACT_ATTRIBUTES_MAX_BYTES / 1024} KB of them: remove some first`,
          );
        const { rows } = await q.query<ContactRow>(
          `UPDATE contacts k SET name = $3, attributes = $4::jsonb, updated_at = now()
           WHERE k.tenant_id = $1 AND k.id = $2 RETURNING ${CONTACT_COLUMNS}`,
          [
            p.tenantId,
            before.id,
            req.body.name === undefined ? before.name : req.body.name,
            JSON.stringify(attrs),
          ],
        );
        const after = rows[0]!;
        return { value: after, entries: await contactEntries(q, p.tenantId, after, p.agentId) };
      });
      return toContact({ ...value, version: seqs[0] ?? value.version });
    },
  );

  app.post(
    '/api/v1/contacts/:id/merge',
    {
      preHandler: [auth, requireAdmin],
      schema: {
        tags: ['contacts'],
        summary: 'Merge this contact into another of your tenant (owners and admins); this one is deleted',
        description:
          "Its conversations move to the other contact; where that one already has a conversation on the same channel, the messages and notes move into it and the emptied conversation's last entry carries mergedIntoId.",
        params: idParams,
        body: z.object({ intoId: z.uuid({ message: 'expected the id of the contact to keep' }) }),
        response: {
          ...errorResponses,
          200: z.object({
            contact: ContactDetailSchema,
            movedConversations: z.number().int(),
            mergedConversations: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      if (!isAdmin(p)) throw new ParleyError('PARLEY_ERR_FORBIDDEN');
      const { value } = await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        const r = await mergeContacts(q, p.tenantId, req.params.id, req.body.intoId);
        await recordAudit(q, p, {
          action: 'contact.merge',
          target: r.target.id,
          details: { mergedId: req.params.id, moved: r.movedConversations, merged: r.mergedConversations },
        });
        const entries = [
          ...r.entries,
          ...(await contactEntries(q, p.tenantId, r.target, p.agentId)).filter(
            (e) => e.type === 'contact.updated',
          ),
        ];
        return { value: r, entries };
      });
      const fresh = await loadContactRow(db, p.tenantId, value.target.id);
      return {
        contact: toContact(fresh),
        movedConversations: value.movedConversations,
        mergedConversations: value.mergedConversations,
      };
    },
  );
};

async function loadContactRow(q: Queryable, tenantId: string, id: string): Promise<ContactRow> {
  const { rows } = await q.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts k WHERE k.tenant_id = $1 AND k.id = $2`,
    [tenantId, id],
  );
  if (!rows[0]) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'The merged contact was deleted meanwhile');
  return rows[0];
}
