// Creating bots and putting them in front of channels. A bot is also an agent row (role bot): it
// authors its replies, appears in the dashboard as the bot, and owns the token a webhook bot uses.
import { randomBytes } from 'node:crypto';
import { createAgent } from '../admin/accounts.ts';
import { createApiToken } from '../auth/credentials.ts';
import { assertTenantIds } from '../auth/tenant-ids.ts';
import type { Queryable } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';
import { BUILTIN_BOTS } from './registry.ts';

export interface NewBot {
  name: string;
  kind: 'builtin' | 'webhook';
  builtin?: string | undefined;
  webhookUrl?: string | undefined;
  handoffTeamId?: string | null | undefined;
  config?: Record<string, unknown> | undefined;
}

export interface CreatedBot {
  id: string;
  agentId: string;
  /** Shown once: the webhook bot signs-verification secret and its API token. */
  secret: string | null;
  token: string;
}

export class UnknownBuiltinError extends Error {}

export async function createBot(
  q: Queryable,
  box: SecretBox,
  tenantId: string,
  b: NewBot,
): Promise<CreatedBot> {
  if (b.kind === 'builtin' && !BUILTIN_BOTS[b.builtin ?? '']) {
    throw new UnknownBuiltinError(
      `no built-in bot named "${b.builtin}"; available: ${Object.keys(BUILTIN_BOTS).join(', ')}`,
    );
  }
  const suffix = randomBytes(6).toString('hex');
  const agent = await createAgent(q, tenantId, {
    email: `bot-${suffix}@bots.parley.invalid`,
    name: b.name,
    role: 'bot',
  });
  const secret = b.kind === 'webhook' ? randomBytes(24).toString('hex') : null;
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO bots (tenant_id, name, kind, builtin, webhook_url, secret_enc, agent_id, handoff_team_id, config)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      tenantId,
      b.name,
      b.kind,
      b.kind === 'builtin' ? b.builtin : null,
      b.kind === 'webhook' ? b.webhookUrl : null,
      secret ? box.seal(secret) : null,
      agent.id,
      b.handoffTeamId ?? null,
      JSON.stringify(b.config ?? {}),
    ],
  );
  const token = await createApiToken(q, tenantId, `bot ${b.name}`, { agentId: agent.id });
  return { id: rows[0]!.id, agentId: agent.id, secret, token: token.token };
}

/** Puts a bot in front of a channel (botId null takes it away); false: no such channel (400: no such bot). */
export async function bindChannelBot(
  q: Queryable,
  tenantId: string,
  channelId: string,
  botId: string | null,
): Promise<boolean> {
  const ch = await q.query('SELECT 1 FROM channels WHERE id = $1 AND tenant_id = $2', [channelId, tenantId]);
  if (!ch.rows[0]) return false;
  if (botId === null) {
    await q.query('DELETE FROM channel_bots WHERE channel_id = $1', [channelId]);
    return true;
  }
  await assertTenantIds(q, tenantId, [{ field: 'botId', kind: 'bot', ids: botId }]);
  await q.query(
    'INSERT INTO channel_bots (channel_id, bot_id) VALUES ($1, $2) ON CONFLICT (channel_id) DO UPDATE SET bot_id = EXCLUDED.bot_id',
    [channelId, botId],
  );
  return true;
}
