// Applies a bot's answer in one transaction: replies go into the outbound pipeline (idempotent
// client ids derived from the customer's message, so a retried turn sends nothing twice), labels
// and hand-offs change the conversation with their events, and the new state is stored.

import { assertTenantIds } from '../auth/tenant-ids.ts';
import { commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import { insertSend } from '../outbound/insert-send.ts';
import type { SendRequest } from '../outbound/send-request.ts';
import type { PubSub } from '../pubsub/port.ts';
import type { Db } from '../store/db.ts';
import { loadConversation } from '../store/entities.ts';
import type { BotAction } from './bot.ts';

export interface ApplyDeps {
  db: Db;
  pubsub: PubSub;
  prefix: string;
}

export interface TurnRef {
  tenantId: string;
  conversationId: string;
  messageId: string;
  botAgentId: string;
  handoffTeamId: string | null;
}

/** Returns the outbound jobs to append once the transaction has committed. */
export async function applyBotActions(
  deps: ApplyDeps,
  turn: TurnRef,
  actions: BotAction[],
  state: Record<string, unknown>,
  contactLanguage?: 'pt' | 'en',
): Promise<{ lane: string; payload: string }[]> {
  const { value } = await commitChanges(deps.db, deps.pubsub, deps.prefix, turn.tenantId, async (q) => {
    const entries: NewEntry[] = [];
    const jobs: { lane: string; payload: string }[] = [];
    let conv = await loadConversation(q, turn.tenantId, turn.conversationId);
    if (!conv) return { value: jobs, entries };
    const scopeOf = () => ({ channelId: conv!.channelId, agentId: conv!.assigneeId, teamId: conv!.teamId });
    let handedOff: string | null = null;
    for (const [i, action] of actions.entries()) {
      if (action.type === 'reply') {
        const send = { ...action.reply, clientId: `bot:${turn.messageId}:${i}` } as SendRequest;
        const { value: inserted, entries: e } = await insertSend(q, {
          tenantId: turn.tenantId,
          agentId: turn.botAgentId,
          conversation: conv,
          send,
        });
        entries.push(...e);
        if (inserted.enqueue) jobs.push(inserted.enqueue);
      } else if (action.type === 'labels') {
        const labels: string[] = [...new Set([...conv.labels, ...action.add])];
        if (labels.length !== conv.labels.length) {
          await q.query('UPDATE conversations SET labels = $2, updated_at = now() WHERE id = $1', [
            conv.id,
            labels,
          ]);
          conv = { ...conv, labels };
          entries.push({
            type: 'conversation.updated',
            entityId: conv.id,
            data: { labels },
            scope: scopeOf(),
          });
        }
      } else if (action.type === 'handoff') {
        // Ids a bot names are input like any request's (a webhook bot's come over the network).
        await assertTenantIds(q, turn.tenantId, [
          { field: 'agentId', kind: 'activeAgent', ids: action.agentId },
          { field: 'teamId', kind: 'team', ids: action.teamId },
        ]);
        handedOff = action.reason;
        const teamId: string | null = action.teamId ?? turn.handoffTeamId ?? conv.teamId;
        const agentId = action.agentId ?? null;
        const before = { agentId: conv.assigneeId, teamId: conv.teamId };
        await q.query(
          'UPDATE conversations SET assignee_id = $2, team_id = $3, updated_at = now() WHERE id = $1',
          [conv.id, agentId, teamId],
        );
        conv = { ...conv, assigneeId: agentId, teamId };
        entries.push({
          type: 'conversation.updated',
          entityId: conv.id,
          data: { assigneeId: agentId, teamId, handoffReason: action.reason },
          // Whoever saw it through the bot or the old team learns it moved (auth/entry-view.ts).
          scope: { ...scopeOf(), extraAgentId: before.agentId, extraTeamId: before.teamId },
        });
        await q.query(
          "INSERT INTO audit_log (tenant_id, actor_id, action, target, details) VALUES ($1, $2, 'bot.handoff', $3, $4)",
          [
            turn.tenantId,
            turn.botAgentId,
            `conversation:${conv.id}`,
            JSON.stringify({ reason: action.reason, teamId, agentId }),
          ],
        );
      }
    }
    if (contactLanguage)
      await q.query('UPDATE contacts SET language = $2 WHERE id = $1 AND language IS DISTINCT FROM $2', [
        conv.contact.id,
        contactLanguage,
      ]);
    await q.query(
      "UPDATE bot_sessions SET state = $2, status = CASE WHEN $3::text IS NULL THEN status ELSE 'handed_off' END, reason = COALESCE($3, reason), updated_at = now() WHERE conversation_id = $1",
      [turn.conversationId, JSON.stringify(state), handedOff],
    );
    return { value: jobs, entries };
  });
  return value;
}
