// Assignment after each ingest batch commits, in the tenant's lane (hooks/persist-hook.ts): a new
// conversation or one the customer reopened gets a decision; a message into a conversation of a
// channel that is out of hours gets its auto-reply (once per period).
import type { AfterCommit, PersistHook } from '../hooks/persist-hook.ts';
import { type AssignmentDeps, assignConversation, type Trigger } from './assign-conversation.ts';
import { isWithinHours } from './business-hours.ts';
import { channelRulesOf } from './settings.ts';
import { parkAfterError, workOffWaiting } from './waiting-list.ts';

/** Which conversations of a batch need a decision, and why; one trigger per conversation. */
export function triggersOf(outcome: AfterCommit): Map<string, Trigger> {
  const out = new Map<string, Trigger>();
  for (const m of outcome.newMessages) {
    const t: Trigger = m.created ? 'created' : m.reopened ? 'reopened' : 'message';
    const had = out.get(m.conversationId);
    if (!had || had === 'message') out.set(m.conversationId, t);
  }
  return out;
}

/** Channels of the tenant that are out of hours with an auto-reply now: the only ones where a plain message needs work. */
async function closedWithReply(deps: AssignmentDeps, tenantId: string): Promise<Set<string>> {
  const { rows } = await deps.db.query<{ channel_id: string; settings: unknown }>(
    `SELECT channel_id, settings FROM assignment_channels
     WHERE tenant_id = $1 AND settings ->> 'autoReply' IS NOT NULL AND jsonb_typeof(settings -> 'businessHours') = 'object'`,
    [tenantId],
  );
  const now = deps.now?.() ?? new Date();
  const closed = new Set<string>();
  for (const r of rows) {
    const rules = channelRulesOf(r.settings);
    if (rules.businessHours && !isWithinHours(rules.businessHours, now)) closed.add(r.channel_id);
  }
  return closed;
}

export function createAssignmentHook(deps: AssignmentDeps): PersistHook {
  return {
    name: 'assignment',
    async afterPersist(tenantId, outcome) {
      const triggers = triggersOf(outcome);
      if (triggers.size === 0) return;
      let closed: Set<string> | null = null;
      const channelOf = new Map(outcome.newMessages.map((m) => [m.conversationId, m.channelId]));
      let queued = false;
      let autoReplyFailed: Error | null = null;
      for (const [conversationId, trigger] of triggers) {
        if (trigger === 'message') {
          // Most messages land here: one cheap query per batch decides whether any needs work.
          closed ??= await closedWithReply(deps, tenantId);
          const channelId = channelOf.get(conversationId);
          if (!channelId || !closed.has(channelId)) continue;
        }
        let outcome: Awaited<ReturnType<typeof assignConversation>>;
        try {
          outcome = await assignConversation(deps, tenantId, conversationId, trigger);
        } catch (err) {
          // Park the conversation where the next pass of the waiting list finds it; if that fails
          // too, the hook throws and its followup is retried (hooks/followups.ts).
          deps.log.error(
            { tenantId, conversationId, err: (err as Error).message },
            'assignment: decision failed; the conversation waits for the next pass',
          );
          if (trigger !== 'message') await parkAfterError(deps.db, tenantId, conversationId);
          // An auto-reply has no waiting list to fall back on: the followup's retry sends it.
          else autoReplyFailed = err as Error;
          continue;
        }
        if (outcome.kind === 'waiting' && outcome.reason === 'waiting: earlier conversations first')
          queued = true;
      }
      // A newcomer queued behind earlier ones: give the earlier ones their chance now.
      if (queued) await workOffWaiting(deps, tenantId);
      if (autoReplyFailed) throw autoReplyFailed;
    },
  };
}
