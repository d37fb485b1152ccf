// Built-in bots by name. A built-in bot is made per turn with what it needs from the database.
import type { Db } from '../store/db.ts';
import type { BuiltinBot } from './bot.ts';
import { createCalendarStore } from './scheduling/calendar-store.ts';
import { schedulingDialogue } from './scheduling/dialogue.ts';
import type { GoogleAccess } from './scheduling/google-links.ts';
import type { Understander } from './scheduling/understander.ts';

export interface BuiltinDeps {
  db: Db;
  tenantId: string;
  conversationId: string;
  config: Record<string, unknown>;
  understander?: Understander;
  /** Staff calendars in Google, for tenants that linked them. */
  google?: GoogleAccess;
}

export const BUILTIN_BOTS: Record<string, (deps: BuiltinDeps) => BuiltinBot> = {
  scheduling: (d) => ({
    name: 'scheduling',
    onMessage: schedulingDialogue(
      createCalendarStore(d.db, d.tenantId, d.conversationId, d.google),
      d.understander,
    ),
  }),
};
