// Private notes: agents talk about a conversation beside it, never to the customer. A note may
// mention agents; each mentioned agent gets a mention.created entry scoped to them alone.
import { NoteSchema } from '@parley/sync';
import { z } from 'zod';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { loadVisibility } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { commitChanges } from '../../events/commit-changes.ts';
import type { NewEntry } from '../../events/event-log.ts';
import { mentionTargets } from '../../inbox/mentions.ts';
import { conversationScope, visibleConversation } from '../../inbox/visible-conversation.ts';
import { type NoteRow, toNote } from '../../store/entities.ts';
import { principal, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

export const notesRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;

  app.post(
    '/api/v1/conversations/:id/notes',
    {
      preHandler: requireAuth(db),
      schema: {
        tags: ['conversations'],
        summary: 'Add a private note; each agent in mentions gets a mention.created event',
        params: z.object({ id: z.uuid({ message: 'expected a conversation id (UUID)' }) }),
        body: z.object({
          body: z.string().trim().min(1).max(10_000),
          mentions: z.array(z.uuid()).max(50).default([]),
        }),
        response: {
          ...errorResponses,
          201: z.object({ note: NoteSchema }),
        },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      if (!p.agentId)
        throw new ParleyError(
          'PARLEY_ERR_FORBIDDEN',
          'A note needs an author: use a personal token or a session',
        );
      const vis = await loadVisibility(db, p);
      const { value, seqs } = await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        const c = await visibleConversation(q, p.tenantId, req.params.id, vis);
        const mentions = mentionTargets(req.body.mentions, p.agentId);
        await assertTenantIds(q, p.tenantId, [{ field: 'mentions', kind: 'agent', ids: mentions }]);
        const { rows } = await q.query<NoteRow>(
          `INSERT INTO notes (tenant_id, conversation_id, author_id, body, mentions) VALUES ($1, $2, $3, $4, $5)
           RETURNING id, conversation_id, author_id, body, mentions, created_at, version`,
          [p.tenantId, c.id, p.agentId, req.body.body, mentions],
        );
        const note = toNote(rows[0]!);
        const { version: _v, ...data } = note;
        const entries: NewEntry[] = [
          { type: 'note.created', entityId: note.id, data, scope: conversationScope(c) },
          // One entry per mentioned agent, with their id in it: admins see every entry, and their
          // client keeps only its own mentions.
          ...mentions.map(
            (agentId): NewEntry => ({
              type: 'mention.created',
              entityId: `${note.id}:${agentId}`,
              data: {
                agentId,
                noteId: note.id,
                conversationId: c.id,
                authorId: p.agentId,
                createdAt: note.createdAt,
              },
              scope: { agentId },
            }),
          ),
        ];
        return { value: note, entries };
      });
      return reply.code(201).send({ note: { ...value, version: seqs[0] ?? value.version } });
    },
  );
};
