// The bot contract. A bot sees one customer message with its conversation's bot state and answers
// with actions; Parley applies them (send through the outbound pipeline, hand off, label) and
// stores the new state in the same transaction, so a restart or another worker continues where it
// stopped. Built-in bots implement BuiltinBot; webhook bots receive the same context as JSON.

export interface BotInbound {
  waMessageId: string | null;
  kind: string;
  /** The text the customer typed, or the caption. */
  text: string | null;
  /** The id of a chosen interactive row or button (list_reply / button_reply). */
  choiceId: string | null;
}

export interface BotContext {
  tenantId: string;
  conversationId: string;
  /** language: the one the contact was last answered in by a bot, when known. */
  contact: { id: string; name: string | null; waId: string | null; language?: 'pt' | 'en' | null };
  message: BotInbound;
  state: Record<string, unknown>;
  now: Date;
}

export type BotReply =
  | { kind: 'text'; body: { body: string } }
  | {
      kind: 'interactive';
      body:
        | { type: 'button'; body: { text: string }; buttons: { id: string; title: string }[] }
        | {
            type: 'list';
            body: { text: string };
            button: string;
            sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
          };
    };

export type BotAction =
  | { type: 'reply'; reply: BotReply }
  | { type: 'handoff'; reason: string; teamId?: string | null; agentId?: string | null }
  | { type: 'labels'; add: string[] };

export interface BotResult {
  actions: BotAction[];
  state: Record<string, unknown>;
  /** The contact's language, kept for later conversations and reminders. */
  contactLanguage?: 'pt' | 'en';
}

export interface BuiltinBot {
  readonly name: string;
  onMessage(ctx: BotContext): Promise<BotResult>;
}

export const text = (body: string): BotAction => ({ type: 'reply', reply: { kind: 'text', body: { body } } });

/** A question with up to three reply buttons (WhatsApp's limit). */
export const buttons = (body: string, choices: { id: string; title: string }[]): BotAction => ({
  type: 'reply',
  reply: { kind: 'interactive', body: { type: 'button', body: { text: body }, buttons: choices } },
});
