// What a macro can do, and how each action becomes the same API call an agent would make by hand:
// running a macro goes through the routes, so every wall, sight rule, validation, event-log entry
// and audit line is the one the manual action has. Pure: the runner does the calls.
import { z } from 'zod';
import { normaliseLabels } from '../inbox/labels.ts';

const labels = z.array(z.string().trim().min(1).max(50)).min(1).max(20);

export const MacroActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), agentId: z.uuid().nullable().describe('null unassigns') }),
  z.object({ type: z.literal('assignTeam'), teamId: z.uuid().nullable().describe('null clears the team') }),
  z.object({ type: z.literal('addLabels'), labels }),
  z.object({ type: z.literal('removeLabels'), labels }),
  z.object({ type: z.literal('setStatus'), status: z.enum(['open', 'pending', 'resolved']) }),
  z.object({
    type: z.literal('snooze'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90),
  }),
  z.object({ type: z.literal('addNote'), body: z.string().trim().min(1).max(10_000) }),
  z.object({
    type: z.literal('sendText'),
    body: z.string().trim().min(1).max(4096).describe('{{contact.name}} and {{agent.name}} are filled in'),
  }),
]);
export type MacroAction = z.infer<typeof MacroActionSchema>;

export const MacroActionsSchema = z.array(MacroActionSchema).min(1).max(20);

export interface MacroContext {
  conversationId: string;
  labels: string[];
  contactName: string | null;
  agentName: string | null;
  /** Makes a send idempotent: the same run sends each message once, however often it is retried. */
  runId: string;
  now: number;
}

export interface ApiCall {
  method: 'POST' | 'PUT';
  url: string;
  body: Record<string, unknown>;
}

/** Fills {{contact.name}} and {{agent.name}}; an unknown name becomes empty, never the braces. */
export function renderMacroText(text: string, ctx: Pick<MacroContext, 'contactName' | 'agentName'>): string {
  return text.replace(/\{\{\s*(contact|agent)\.name\s*\}\}/g, (_, who: string) =>
    ((who === 'contact' ? ctx.contactName : ctx.agentName) ?? '').trim(),
  );
}

/** The call that carries out action `i`; null when it would change nothing (labels already so). */
export function callFor(action: MacroAction, i: number, ctx: MacroContext): ApiCall | null {
  const c = `/api/v1/conversations/${ctx.conversationId}`;
  switch (action.type) {
    case 'assign':
      return { method: 'POST', url: `${c}/assign`, body: { assigneeId: action.agentId } };
    case 'assignTeam':
      return { method: 'POST', url: `${c}/assign`, body: { assigneeId: null, teamId: action.teamId } };
    case 'addLabels':
    case 'removeLabels': {
      const drop = new Set(normaliseLabels(action.labels));
      const next =
        action.type === 'addLabels'
          ? normaliseLabels([...ctx.labels, ...action.labels])
          : normaliseLabels(ctx.labels).filter((l) => !drop.has(l));
      return next.join('\n') === normaliseLabels(ctx.labels).join('\n')
        ? null
        : { method: 'PUT', url: `${c}/labels`, body: { labels: next } };
    }
    case 'setStatus':
      return { method: 'POST', url: `${c}/status`, body: { status: action.status } };
    case 'snooze':
      return {
        method: 'POST',
        url: `${c}/status`,
        body: { status: 'snoozed', snoozedUntil: new Date(ctx.now + action.minutes * 60_000).toISOString() },
      };
    case 'addNote':
      return { method: 'POST', url: `${c}/notes`, body: { body: renderMacroText(action.body, ctx) } };
    case 'sendText':
      return {
        method: 'POST',
        url: `${c}/messages`,
        body: {
          clientId: `macro-${ctx.runId}-${i}`,
          kind: 'text',
          body: { body: renderMacroText(action.body, ctx) },
        },
      };
  }
}

/** Ids a macro names, for the tenant check when it is saved. */
export function macroIds(actions: readonly MacroAction[]): { agentIds: string[]; teamIds: string[] } {
  return {
    agentIds: actions.flatMap((a) => (a.type === 'assign' && a.agentId ? [a.agentId] : [])),
    teamIds: actions.flatMap((a) => (a.type === 'assignTeam' && a.teamId ? [a.teamId] : [])),
  };
}
