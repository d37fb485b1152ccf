// What agents do to a conversation all day: assign or transfer, change its status, label it, mark
// it read. Each change commits with its event-log entry in one transaction and answers the row
// after the change (protocol.ts, conversationWriteResponseSchema); a transfer to a team answers it
// after the team's assignment decision, which runs after that commit.
import { type Conversation, conversationWriteResponseSchema } from '@parley/sync';
import { z } from 'zod';
import { assignAfterTransfer } from '../../assignment/team-transfer.ts';
import { onCapacityFreed } from '../../assignment/waiting-list.ts';
import type { Principal } from '../../auth/principal.ts';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { loadVisibility, type Visibility } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { commitChanges } from '../../events/commit-changes.ts';
import type { NewEntry } from '../../events/event-log.ts';
import { normaliseLabels } from '../../inbox/labels.ts';
import { unreadCounts } from '../../inbox/unread-counts.ts';
import {
  canSeeConversation,
  conversationScope,
  visibleConversation,
} from '../../inbox/visible-conversation.ts';
import { queueMarkRead } from '../../outbound/outbound-jobs.ts';
import type { Queryable } from '../../store/db.ts';
import { loadConversation } from '../../store/entities.ts';
import { principal, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

const idParams = z.object({ id: z.uuid({ message: 'expected a conversation id (UUID)' }) });

type Change = (
  q: Queryable,
  c: Conversation,
) => Promise<{
  data: Record<string, unknown>;
  scope?: NewEntry['scope'];
  /** Work that must not hold this transaction's locks; runs once the change has committed. */
  afterCommit?: () => Promise<unknown>;
} | null>;

export const conversationActionsRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);

  /** Runs one change of a visible conversation with its conversation.updated entry; null: nothing changed. */
  const change = async (p: Principal, vis: Visibility, id: string, fn: Change) => {
    const { seqs, value: afterCommit } = await commitChanges(
      db,
      ctx.pubsub,
      ctx.prefix,
      p.tenantId,
      async (q) => {
        const before = await visibleConversation(q, p.tenantId, id, vis, { lock: true });
        const patch = await fn(q, before);
        if (!patch) return { value: undefined, entries: [] };
        await q.query('UPDATE conversations SET updated_at = now() WHERE id = $1', [id]);
        return {
          value: patch.afterCommit,
          entries: [
            {
              type: 'conversation.updated',
              entityId: id,
              data: patch.data,
              scope: patch.scope ?? conversationScope(before),
            },
          ],
        };
      },
    );
    await afterCommit?.();
    // A resolve, transfer or unassign may free capacity: waiting conversations get their turn (and
    // earlier ones a transfer's decision queued behind, theirs).
    if (seqs.length > 0) await onCapacityFreed(ctx, p.tenantId);
    const conversation = await loadConversation(db, p.tenantId, id);
    if (!conversation)
      throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'The conversation was deleted meanwhile');
    const visible = canSeeConversation(vis, conversation);
    return visible ? { conversation } : { conversation, visibleToYou: false };
  };

  app.post(
    '/api/v1/conversations/:id/assign',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary: 'Assign, unassign or transfer to an agent and/or a team',
        description:
          'assigneeId null unassigns; teamId absent keeps the team, null clears it. The previous assignee gets the ' +
          'change with visibleToYou: false when it takes the conversation out of their sight. A teamId with ' +
          "assigneeId null transfers to the team: when the team's assignment rules set a policy, the team's " +
          'assignment decision runs after the transfer commits (its own conversation.updated entry) and the answer ' +
          'shows the conversation after it; a failed decision leaves it in the waiting list and still answers 200.',
        params: idParams,
        body: z.object({ assigneeId: z.uuid().nullable(), teamId: z.uuid().nullable().optional() }),
        response: {
          ...errorResponses,
          200: conversationWriteResponseSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { assigneeId } = req.body;
      // An assignee named in the request wins over the team's rules.
      const toTeam = assigneeId === null && typeof req.body.teamId === 'string';
      return change(p, await loadVisibility(db, p), req.params.id, async (q, c) => {
        const teamId = req.body.teamId === undefined ? c.teamId : req.body.teamId;
        if (assigneeId === c.assigneeId && teamId === c.teamId) return null;
        await assertTenantIds(q, p.tenantId, [
          { field: 'assigneeId', kind: 'activeAgent', ids: assigneeId },
          { field: 'teamId', kind: 'team', ids: teamId },
        ]);
        await q.query('UPDATE conversations SET assignee_id = $2, team_id = $3 WHERE id = $1', [
          c.id,
          assigneeId,
          teamId,
        ]);
        return {
          data: { assigneeId, teamId },
          scope: {
            channelId: c.channelId,
            agentId: assigneeId,
            teamId,
            extraAgentId: c.assigneeId,
            extraTeamId: c.teamId,
          },
          ...(toTeam && { afterCommit: () => assignAfterTransfer(ctx, p.tenantId, c.id) }),
        };
      });
    },
  );

  app.post(
    '/api/v1/conversations/:id/status',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary: 'Open, set pending, snooze until a time, or resolve',
        params: idParams,
        body: z.object({
          status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
          snoozedUntil: z.iso.datetime({ offset: true }).nullish(),
        }),
        response: {
          ...errorResponses,
          200: conversationWriteResponseSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const { status } = req.body;
      let snoozedUntil: string | null = null;
      if (status === 'snoozed') {
        const until = req.body.snoozedUntil ? Date.parse(req.body.snoozedUntil) : Number.NaN;
        if (!(until > Date.now()))
          throw new ParleyError(
            'PARLEY_ERR_VALIDATION',
            'status snoozed needs snoozedUntil: a time in the future',
          );
        snoozedUntil = new Date(until).toISOString();
      } else if (req.body.snoozedUntil) {
        throw new ParleyError('PARLEY_ERR_VALIDATION', 'snoozedUntil goes only with status snoozed');
      }
      return change(p, await loadVisibility(db, p), req.params.id, async (q, c) => {
        if (c.status === status && c.snoozedUntil === snoozedUntil) return null;
        await q.query('UPDATE conversations SET status = $2, snoozed_until = $3 WHERE id = $1', [
          c.id,
          status,
          snoozedUntil,
        ]);
        return { data: { status, snoozedUntil } };
      });
    },
  );

  app.put(
    '/api/v1/conversations/:id/labels',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary: "Replace a conversation's labels",
        params: idParams,
        body: z.object({ labels: z.array(z.string().trim().min(1).max(50)).max(50) }),
        response: {
          ...errorResponses,
          200: conversationWriteResponseSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const labels = normaliseLabels(req.body.labels);
      return change(p, await loadVisibility(db, p), req.params.id, async (q, c) => {
        if (labels.join('\n') === c.labels.join('\n')) return null;
        await q.query('UPDATE conversations SET labels = $2 WHERE id = $1', [c.id, labels]);
        return { data: { labels } };
      });
    },
  );

  app.post(
    '/api/v1/conversations/:id/read',
    {
      preHandler: auth,
      schema: {
        tags: ['conversations'],
        summary: 'Mark read for you: your unread count of it becomes 0',
        description:
          'Read cursors are per agent and private, so this writes no event-log entry (unread counts never travel in ' +
          'the log); the answer carries unreadCount 0.',
        params: idParams,
        response: {
          ...errorResponses,
          200: conversationWriteResponseSchema,
        },
      },
    },
    async (req) => {
      const p = principal(req);
      if (!p.agentId)
        throw new ParleyError(
          'PARLEY_ERR_FORBIDDEN',
          'An integration token has no read cursor: use a personal token',
        );
      const vis = await loadVisibility(db, p);
      const conversation = await db.tx(async (q) => {
        const c = await visibleConversation(q, p.tenantId, req.params.id, vis);
        await q.query(
          `INSERT INTO conversation_reads (conversation_id, agent_id, read_at) VALUES ($1, $2, now())
           ON CONFLICT (conversation_id, agent_id) DO UPDATE SET read_at = GREATEST(conversation_reads.read_at, now())`,
          [c.id, p.agentId],
        );
        const unread = await unreadCounts(q, p.agentId, [c.id]);
        return { ...c, unreadCount: unread.get(c.id) ?? 0 };
      });
      // Blue ticks for the customer: the worker marks their latest message read on WhatsApp.
      await queueMarkRead(ctx, p.tenantId, conversation.id);
      return { conversation };
    },
  );
};
