import { conversationOneSchema, conversationPageSchema, threadPageSchema } from '@parley/sync';
import { z } from 'zod';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { canSee, loadVisibility, visibleConversationsSql } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { inboxCounts } from '../../inbox/inbox-counts.ts';
import { normaliseLabels } from '../../inbox/labels.ts';
import { unreadCounts } from '../../inbox/unread-counts.ts';
import { commitSend, NOT_QUEUED_NOTICE, SendAnswerSchema } from '../../outbound/commit-send.ts';
import { insertSend } from '../../outbound/insert-send.ts';
import { SendRequestSchema } from '../../outbound/send-request.ts';
import type { Queryable } from '../../store/db.ts';
import {
  CONVERSATION_COLUMNS,
  type ConversationRow,
  loadConversation,
  MESSAGE_COLUMNS,
  type MessageRow,
  toConversation,
  toMessage,
} from '../../store/entities.ts';
import { readSnapshot } from '../../store/snapshot.ts';
import { principal, requireAuth } from '../authenticate.ts';
import { decodePage, encodePage } from '../page-cursor.ts';
import type { ApiPlugin } from '../plugin.ts';

const idParams = z.object({ id: z.uuid({ message: 'expected a conversation id (UUID)' }) });

export const conversationRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);

  /** The conversation if the caller may see it; 404 otherwise, so another tenant's ids leak nothing. */
  const visibleConversation = async (
    q: Queryable,
    tenantId: string,
    id: string,
    vis: Awaited<ReturnType<typeof loadVisibility>>,
  ) => {
    const c = await loadConversation(q, tenantId, id);
    if (!c || !canSee(vis, { channelId: c.channelId, agentId: c.assigneeId, teamId: c.teamId })) {
      throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No conversation with this id is visible to you');
    }
    return c;
  };

  app.get(
    '/api/v1/conversations',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary:
          'A page of conversations, most recent activity first, with the sync cursor it is consistent with',
        querystring: z.object({
          view: z.enum(['all', 'mine', 'unassigned', 'team']).default('all'),
          teamId: z.uuid().optional(),
          status: z.enum(['open', 'pending', 'snoozed', 'resolved']).optional(),
          label: z.string().optional(),
          channelId: z.uuid().optional(),
          page: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: conversationPageSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      const { view, status, label, channelId, teamId, limit } = req.query;
      const after = decodePage(req.query.page);
      // Another tenant's team or channel is a wrong filter, not an empty page.
      await assertTenantIds(db, p.tenantId, [
        { field: 'teamId', kind: 'team', ids: teamId },
        { field: 'channelId', kind: 'channel', ids: channelId },
      ]);
      const vis = await loadVisibility(db, p);
      const { value, cursor } = await readSnapshot(db, p.tenantId, async (q) => {
        const params: unknown[] = [p.tenantId];
        const where = ['c.tenant_id = $1'];
        const add = (sql: (n: number) => string, v: unknown) => {
          params.push(v);
          where.push(sql(params.length));
        };
        const visible = visibleConversationsSql(vis, params.length + 1);
        params.push(...visible.params);
        where.push(visible.sql);
        if (view === 'mine') add((n) => `c.assignee_id = $${n}`, p.agentId);
        if (view === 'unassigned') where.push('c.assignee_id IS NULL');
        if (view === 'team') {
          if (teamId) add((n) => `c.team_id = $${n}`, teamId);
          // No teamId: the caller's own teams (what the sync client's `team` list shows).
          else
            add((n) => `c.team_id IN (SELECT team_id FROM team_members WHERE agent_id = $${n})`, p.agentId);
        }
        if (status) add((n) => `c.status = $${n}`, status);
        // Labels are stored normalised (inbox/labels.ts): so is the filter.
        if (label) add((n) => `$${n} = ANY(c.labels)`, normaliseLabels([label])[0] ?? '');
        if (channelId) add((n) => `c.channel_id = $${n}`, channelId);
        if (after) {
          params.push(after[0] ?? null, after[1]);
          const a = params.length - 1;
          where.push(
            `(COALESCE(c.last_message_at, 'epoch'), c.id) < (COALESCE($${a}::timestamptz, 'epoch'), $${a + 1}::uuid)`,
          );
        }
        params.push(limit + 1);
        const { rows } = await q.query<ConversationRow>(
          `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN contacts k ON k.id = c.contact_id
           WHERE ${where.join(' AND ')}
           ORDER BY COALESCE(c.last_message_at, 'epoch') DESC, c.id DESC LIMIT $${params.length}`,
          params,
        );
        const counts = await unreadCounts(
          q,
          p.agentId,
          rows.slice(0, limit).map((r) => r.id),
        );
        return rows.map((r) => ({ ...toConversation(r), unreadCount: counts.get(r.id) ?? 0 }));
      });
      const items = value.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        cursor,
        nextPage: value.length > limit && last ? encodePage([last.lastMessageAt, last.id]) : null,
      };
    },
  );

  app.get(
    '/api/v1/conversations/counts',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary:
          'How many conversations each list holds (mine, unassigned, my teams, all I see), and how many open ones I may answer wait unread',
        querystring: z.object({
          status: z
            .enum(['open', 'pending', 'snoozed', 'resolved', 'any'])
            .default('open')
            .describe('Count conversations of this status (any: all of them)'),
        }),
        response: {
          200: z.object({
            mine: z.number().int(),
            unassigned: z.number().int(),
            team: z.number().int(),
            all: z.number().int(),
            waiting: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const status = req.query.status === 'any' ? null : req.query.status;
      return inboxCounts(db, principal(req), status);
    },
  );

  app.get(
    '/api/v1/conversations/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary: 'One conversation, with your unread count and the sync cursor it is consistent with',
        params: idParams,
        response: { 200: conversationOneSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      const vis = await loadVisibility(db, p);
      const { value, cursor } = await readSnapshot(db, p.tenantId, async (q) => {
        const c = await visibleConversation(q, p.tenantId, req.params.id, vis);
        const counts = await unreadCounts(q, p.agentId, [c.id]);
        return { ...c, unreadCount: counts.get(c.id) ?? 0 };
      });
      return { conversation: value, cursor };
    },
  );

  app.get(
    '/api/v1/conversations/:id/messages',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary:
          'A page of the thread (newest page first, oldest first within the page), with its sync cursor',
        params: idParams,
        querystring: z.object({
          page: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: threadPageSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      const vis = await loadVisibility(db, p);
      const before = decodePage(req.query.page);
      const limit = req.query.limit;
      const { value, cursor } = await readSnapshot(db, p.tenantId, async (q) => {
        await visibleConversation(q, p.tenantId, req.params.id, vis);
        const params: unknown[] = [p.tenantId, req.params.id, limit + 1];
        let cond = '';
        if (before) {
          params.push(before[0], before[1]);
          cond = 'AND (created_at, id) < ($4::timestamptz, $5::uuid)';
        }
        const { rows } = await q.query<(MessageRow & { item_type: 'message' }) | Record<string, unknown>>(
          // page_at: created_at to the microsecond (a JS Date keeps milliseconds, and rows of one
          // transaction share one), so the next page starts exactly after the last row given.
          `SELECT *, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS page_at FROM (
             SELECT 'message' AS item_type, ${MESSAGE_COLUMNS}, NULL::text AS note_body, NULL::uuid[] AS mentions
             FROM messages m WHERE m.tenant_id = $1 AND m.conversation_id = $2
             UNION ALL
             SELECT 'note', n.id, n.conversation_id, NULL, NULL, NULL, NULL, NULL, NULL, n.author_id, NULL, n.created_at, n.version, n.body, n.mentions
             FROM notes n WHERE n.tenant_id = $1 AND n.conversation_id = $2
           ) items WHERE TRUE ${cond} ORDER BY created_at DESC, id DESC LIMIT $3`,
          params,
        );
        return rows as unknown as (MessageRow & {
          item_type: 'message' | 'note';
          note_body: string | null;
          mentions: string[] | null;
          page_at: string;
        })[];
      });
      const page = value.slice(0, limit);
      const oldest = page.at(-1);
      const items = page.reverse().map((r) =>
        r.item_type === 'message'
          ? { itemType: 'message' as const, ...toMessage(r) }
          : {
              itemType: 'note' as const,
              id: r.id,
              conversationId: r.conversation_id,
              authorId: r.author_id ?? '',
              body: r.note_body ?? '',
              mentions: r.mentions ?? [],
              createdAt: r.created_at.toISOString(),
              version: r.version,
            },
      );
      return {
        items,
        cursor,
        nextPage: value.length > limit && oldest ? encodePage([oldest.page_at, oldest.id]) : null,
      };
    },
  );

  app.post(
    '/api/v1/conversations/:id/messages',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary:
          'Send a message (text, media, template, interactive, reaction, reply); idempotent on clientId',
        description:
          'Stores the message as pending and answers at once; the outbound worker sends it through the Graph API and ' +
          'its status moves on through message.updated events (see docs/outbound.md). A retry with the same clientId ' +
          'returns the same message. Outside the 24-hour window only templates may be sent (422 window_closed).',
        params: idParams,
        body: SendRequestSchema,
        response: { 202: SendAnswerSchema },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const vis = await loadVisibility(db, p);
      const { value, seqs, queued } = await commitSend(ctx, p.tenantId, async (q) => {
        const conv = await visibleConversation(q, p.tenantId, req.params.id, vis);
        return insertSend(q, {
          tenantId: p.tenantId,
          agentId: p.agentId,
          conversation: conv,
          send: req.body,
        });
      });
      return reply.code(202).send({
        message: { ...value.message, version: seqs[0] ?? value.message.version },
        queued,
        ...(!queued && { notice: NOT_QUEUED_NOTICE }),
      });
    },
  );
};
