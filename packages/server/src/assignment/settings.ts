// The rules an admin sets, per channel and per team. Stored as JSON in assignment_channels /
// assignment_teams and validated here, at the edge, once: the worker trusts what it reads back.
import { z } from 'zod';
import type { Queryable } from '../store/db.ts';
import { BusinessHoursSchema } from './business-hours.ts';

export const PolicySchema = z.enum(['manual', 'round_robin', 'balanced']);

export const ChannelRulesSchema = z.object({
  policy: PolicySchema.default('manual').describe('manual: nobody is chosen automatically'),
  onlineOnly: z.boolean().default(false).describe('Only agents whose live presence is online are chosen'),
  maxOpenPerAgent: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .nullable()
    .default(null)
    .describe("Capacity in this channel, beside each agent's global one; null: none"),
  stickyDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(0)
    .describe('A returning customer goes back to the agent who answered them within this many days; 0: off'),
  businessHours: BusinessHoursSchema.nullable().default(null).describe('null: always open'),
  afterHoursTeamId: z
    .uuid()
    .nullable()
    .default(null)
    .describe('Out of hours, conversations go to this team instead of waiting'),
  giveBackAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullable()
    .default(null)
    .describe(
      'An assignee offline this long gives their open conversations of this channel back; null: never',
    ),
  autoReply: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .nullable()
    .default(null)
    .describe('Sent once per conversation per out-of-hours period'),
});
export type ChannelRules = z.infer<typeof ChannelRulesSchema>;

export const TeamRulesSchema = z.object({
  policy: PolicySchema.nullable()
    .default(null)
    .describe("null: the channel's policy, among the team's members"),
  onlineOnly: z.boolean().nullable().default(null).describe("null: the channel's setting"),
});
export type TeamRules = z.infer<typeof TeamRulesSchema>;

export const DEFAULT_CHANNEL_RULES: ChannelRules = ChannelRulesSchema.parse({});

/** Stored JSON back to rules; a row written by an older version gets today's defaults. */
export const channelRulesOf = (json: unknown): ChannelRules => ChannelRulesSchema.parse(json ?? {});
export const teamRulesOf = (json: unknown): TeamRules => TeamRulesSchema.parse(json ?? {});

export async function loadChannelRules(q: Queryable, channelId: string): Promise<ChannelRules> {
  const { rows } = await q.query<{ settings: unknown }>(
    'SELECT settings FROM assignment_channels WHERE channel_id = $1',
    [channelId],
  );
  return channelRulesOf(rows[0]?.settings);
}

export async function saveChannelRules(
  q: Queryable,
  tenantId: string,
  channelId: string,
  rules: ChannelRules,
) {
  await q.query(
    `INSERT INTO assignment_channels (channel_id, tenant_id, settings) VALUES ($1, $2, $3)
     ON CONFLICT (channel_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
    [channelId, tenantId, JSON.stringify(rules)],
  );
}

export async function loadTeamRules(q: Queryable, teamId: string): Promise<TeamRules> {
  const { rows } = await q.query<{ settings: unknown }>(
    'SELECT settings FROM assignment_teams WHERE team_id = $1',
    [teamId],
  );
  return teamRulesOf(rows[0]?.settings);
}

export async function saveTeamRules(q: Queryable, tenantId: string, teamId: string, rules: TeamRules) {
  await q.query(
    `INSERT INTO assignment_teams (team_id, tenant_id, settings) VALUES ($1, $2, $3)
     ON CONFLICT (team_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
    [teamId, tenantId, JSON.stringify(rules)],
  );
}
