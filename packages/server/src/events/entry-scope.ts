// Every event-log entry says who may see it (issue 16, "sight"). An entry with no scope reaches
// every person of the tenant, so only the team directory may be written that way; any other type
// without a scope is a bug that would leak (a contact's new name to agents of another channel).
// The security suite (security/sight.contract.ts) checks the log its scenarios wrote against this.
import type { EntryScope } from './event-log.ts';

/** Types every person of the tenant may read: who the agents are (names, availability, teams). */
export const TENANT_WIDE_TYPES: ReadonlySet<string> = new Set(['agent.updated']);

export const hasScope = (s: EntryScope | undefined): boolean =>
  Boolean(s && (s.channelId || s.agentId || s.teamId || s.extraAgentId || s.extraTeamId));

/** The types among `entries` written without a scope although they need one. */
export const unscopedTypes = (entries: readonly { type: string; scope?: EntryScope }[]): string[] => [
  ...new Set(entries.filter((e) => !TENANT_WIDE_TYPES.has(e.type) && !hasScope(e.scope)).map((e) => e.type)),
];
