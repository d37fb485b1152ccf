// After an ingest batch commits: new conversations on a channel with a bot go to the bot first
// (a session is opened and the conversation assigned to the bot's agent), and every customer
// message of a conversation the bot holds becomes a job on the bots queue.

import { commitChanges } from '../events/commit-changes.ts';
import type { NewEntry } from '../events/event-log.ts';
import type { PersistHook } from '../hooks/persist-hook.ts';
import type { PubSub } from '../pubsub/port.ts';
import type { IngestQueue } from '../queue/port.ts';
import type { Db } from '../store/db.ts';
import { botJob } from './bot-jobs.ts';

export interface BotHookDeps {
  db: Db;
  pubsub: PubSub;
  prefix: string;
  bots: IngestQueue;
}

interface Row {
  id: string;
  channel_id: string;
  assignee_id: string | null;
  team_id: string | null;
  session_status: string | null;
  channel_bot: string | null;
  bot_agent: string | null;
}

const ANSWERABLE = (kind: string) => kind !== 'reaction' && kind !== 'system';

export function createBotHook(deps: BotHookDeps): PersistHook {
  return {
    name: 'bots',
    async afterPersist(tenantId, outcome) {
      const messages = outcome.newMessages.filter((m) => ANSWERABLE(m.kind));
      if (messages.length === 0) return;
      const ids = [...new Set(messages.map((m) => m.conversationId))];
      const { rows } = await deps.db.query<Row>(
        `SELECT c.id, c.channel_id, c.assignee_id, c.team_id, s.status AS session_status, cb.bot_id AS channel_bot, b.agent_id AS bot_agent
         FROM conversations c
         LEFT JOIN bot_sessions s ON s.conversation_id = c.id
         LEFT JOIN channel_bots cb ON cb.channel_id = c.channel_id
         LEFT JOIN bots b ON b.id = cb.bot_id AND b.enabled
         WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])`,
        [tenantId, ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const open: Row[] = [];
      for (const m of messages) {
        const r = byId.get(m.conversationId);
        if (!r || r.session_status === 'active' || !r.channel_bot || !r.bot_agent) continue;
        // A new conversation, or a customer returning to a resolved one, meets the bot first —
        // unless a person already holds it.
        const fresh =
          (m.created || m.reopened) &&
          (r.assignee_id === null || r.assignee_id === r.bot_agent || m.reopened);
        if (fresh && !open.includes(r)) open.push(r);
      }
      if (open.length > 0) {
        await commitChanges(deps.db, deps.pubsub, deps.prefix, tenantId, async (q) => {
          const entries: NewEntry[] = [];
          for (const r of open) {
            await q.query(
              `INSERT INTO bot_sessions (conversation_id, tenant_id, bot_id, status, state) VALUES ($1, $2, $3, 'active', '{}')
               ON CONFLICT (conversation_id) DO UPDATE SET bot_id = EXCLUDED.bot_id, status = 'active', state = '{}', reason = NULL, updated_at = now()`,
              [r.id, tenantId, r.channel_bot],
            );
            await q.query('UPDATE conversations SET assignee_id = $2, updated_at = now() WHERE id = $1', [
              r.id,
              r.bot_agent,
            ]);
            entries.push({
              type: 'conversation.updated',
              entityId: r.id,
              data: { assigneeId: r.bot_agent },
              scope: {
                channelId: r.channel_id,
                agentId: r.bot_agent,
                teamId: r.team_id,
                extraAgentId: r.assignee_id,
                extraTeamId: r.team_id,
              },
            });
            r.session_status = 'active';
          }
          return { value: null, entries };
        });
      }
      const jobs = messages
        .filter((m) => byId.get(m.conversationId)?.session_status === 'active')
        .map((m) => botJob(tenantId, { conversationId: m.conversationId, messageId: m.messageId }));
      if (jobs.length > 0) await deps.bots.append(jobs);
    },
  };
}
