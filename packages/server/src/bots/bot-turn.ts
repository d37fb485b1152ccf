// One bot turn: load the conversation's bot session and the customer's message, run the bot under
// a timeout, apply its answer. A person who took the conversation over stops the bot; a bot that
// fails or times out hands the conversation to a person with the reason, and the customer is told.

import type { GuardedFetch } from '../net/guarded-fetch.ts';
import type { SecretBox } from '../store/secret-box.ts';
import { type ApplyDeps, applyBotActions } from './apply-actions.ts';
import { type BotAction, type BotContext, text } from './bot.ts';
import type { BotJob } from './bot-jobs.ts';
import { BUILTIN_BOTS } from './registry.ts';
import type { Understander } from './scheduling/understander.ts';
import { deliverToWebhookBot } from './webhook-bot.ts';

export interface TurnDeps extends ApplyDeps {
  box: SecretBox;
  timeoutMs: number;
  understander?: Understander;
  fetch: GuardedFetch;
  /** Google Calendar's root URL (Google's when unset). */
  googleCalendarUrl?: string;
  onGoogleError?: (message: string) => void;
}

interface SessionRow {
  status: string;
  state: Record<string, unknown>;
  bot_id: string;
  kind: 'builtin' | 'webhook';
  builtin: string | null;
  webhook_url: string | null;
  secret_enc: string | null;
  agent_id: string;
  handoff_team_id: string | null;
  config: Record<string, unknown>;
  assignee_id: string | null;
  contact_id: string;
  contact_name: string | null;
  contact_wa_id: string | null;
  contact_language: 'pt' | 'en' | null;
  kind_of_message: string;
  body: Record<string, unknown>;
  wa_message_id: string | null;
}

export type TurnOutcome = 'answered' | 'delivered' | 'skipped' | 'taken_over' | 'handed_off';

export class BotTimeoutError extends Error {}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new BotTimeoutError(`the bot did not answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

/** The customer's words and choice, whatever the message kind. */
export function inboundOf(
  kind: string,
  body: Record<string, unknown>,
): { text: string | null; choiceId: string | null } {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  switch (kind) {
    case 'text':
      return { text: str(body['body']), choiceId: null };
    case 'interactive':
      return { text: str(body['title']), choiceId: str(body['id']) };
    case 'button':
      return { text: str(body['text']), choiceId: str(body['payload']) };
    default:
      return { text: str(body['caption']), choiceId: null };
  }
}

export async function runBotTurn(
  deps: TurnDeps,
  tenantId: string,
  job: BotJob,
  finalAttempt: boolean,
): Promise<{ outcome: TurnOutcome; outbound: { lane: string; payload: string }[] }> {
  const { rows } = await deps.db.query<SessionRow>(
    `SELECT s.status, s.state, s.bot_id, b.kind, b.builtin, b.webhook_url, b.secret_enc, b.agent_id, b.handoff_team_id, b.config,
            c.assignee_id, k.id AS contact_id, k.name AS contact_name, k.wa_id AS contact_wa_id, k.language AS contact_language,
            m.kind AS kind_of_message, m.body, m.wa_message_id
     FROM bot_sessions s JOIN bots b ON b.id = s.bot_id
     JOIN conversations c ON c.id = s.conversation_id JOIN contacts k ON k.id = c.contact_id
     JOIN messages m ON m.id = $3 AND m.conversation_id = c.id
     WHERE s.conversation_id = $1 AND s.tenant_id = $2`,
    [job.conversationId, tenantId, job.messageId],
  );
  const s = rows[0];
  if (s?.status !== 'active') return { outcome: 'skipped', outbound: [] };
  if (s.assignee_id !== s.agent_id) {
    // An agent assigned the conversation to someone: the bot steps back for good.
    await deps.db.query(
      "UPDATE bot_sessions SET status = 'taken_over', reason = 'an agent took the conversation over', updated_at = now() WHERE conversation_id = $1",
      [job.conversationId],
    );
    return { outcome: 'taken_over', outbound: [] };
  }
  const turn = {
    tenantId,
    conversationId: job.conversationId,
    messageId: job.messageId,
    botAgentId: s.agent_id,
    handoffTeamId: s.handoff_team_id,
  };
  const ctx: BotContext = {
    tenantId,
    conversationId: job.conversationId,
    contact: { id: s.contact_id, name: s.contact_name, waId: s.contact_wa_id, language: s.contact_language },
    message: {
      waMessageId: s.wa_message_id,
      kind: s.kind_of_message,
      ...inboundOf(s.kind_of_message, s.body),
    },
    state: s.state,
    now: new Date(),
  };
  try {
    if (s.kind === 'webhook') {
      await withTimeout(
        deliverToWebhookBot({
          url: s.webhook_url!,
          secret: s.secret_enc ? deps.box.open(s.secret_enc) : '',
          botId: s.bot_id,
          context: ctx,
          fetch: deps.fetch,
        }),
        deps.timeoutMs,
      );
      return { outcome: 'delivered', outbound: [] };
    }
    const make = BUILTIN_BOTS[s.builtin!];
    if (!make) throw new Error(`no built-in bot named ${s.builtin}`);
    const bot = make({
      db: deps.db,
      tenantId,
      conversationId: job.conversationId,
      config: s.config,
      understander: deps.understander,
      google: {
        box: deps.box,
        ...(deps.googleCalendarUrl ? { rootUrl: deps.googleCalendarUrl } : {}),
        ...(deps.onGoogleError ? { onError: deps.onGoogleError } : {}),
      },
    });
    const result = await withTimeout(bot.onMessage(ctx), deps.timeoutMs);
    const outbound = await applyBotActions(deps, turn, result.actions, result.state, result.contactLanguage);
    return {
      outcome: result.actions.some((a) => a.type === 'handoff') ? 'handed_off' : 'answered',
      outbound,
    };
  } catch (err) {
    // Webhook bots get retries (the queue's back-off); a built-in bot's failure is final at once.
    if (s.kind === 'webhook' && !finalAttempt) throw err;
    const reason = `the bot failed: ${(err as Error).message}`;
    const language = (s.contact_language ?? s.state['language']) === 'en' ? 'en' : 'pt';
    const sorry =
      language === 'en'
        ? 'Sorry, I had a problem. Someone from the team will answer you here shortly.'
        : 'Desculpe, tive um problema. Alguém da equipe vai te responder aqui em instantes.';
    const actions: BotAction[] = [text(sorry), { type: 'handoff', reason }];
    const outbound = await applyBotActions(deps, turn, actions, s.state);
    return { outcome: 'handed_off', outbound };
  }
}
