// A tenant with agents, a channel and conversations, written straight to the tables, for the
// assignment suites and the benchmark.
import { randomUUID } from 'node:crypto';
import { createLogger } from '../log/logger.ts';
import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { Db } from '../store/db.ts';
import type { AssignmentDeps } from './assign-conversation.ts';
import { type ChannelRules, ChannelRulesSchema, saveChannelRules } from './settings.ts';

export interface World {
  tenantId: string;
  channelId: string;
  /** In round-robin order (ascending id). */
  agentIds: string[];
  deps: AssignmentDeps;
  /** A new open, unassigned conversation with a fresh contact, whose 24-hour window is open. */
  conversation(opts?: { contactId?: string; channelId?: string }): Promise<{ id: string; contactId: string }>;
  rules(rules: Partial<ChannelRules>, channelId?: string): Promise<void>;
  capacity(agentId: string, maxOpen: number | null): Promise<void>;
  channel(name: string, members: string[]): Promise<string>;
}

export async function createWorld(db: Db, opts: { agents: number; name?: string }): Promise<World> {
  const tenantId = (
    await db.query<{ id: string }>('INSERT INTO tenants (name) VALUES ($1) RETURNING id', [
      opts.name ?? 'Acme',
    ])
  ).rows[0]!.id;
  await db.query('INSERT INTO tenant_counters (tenant_id) VALUES ($1)', [tenantId]);
  const { rows: agents } = await db.query<{ id: string }>(
    `INSERT INTO agents (tenant_id, email, name, role)
     SELECT $1, $2 || n || '@example.test', 'Agent ' || n, 'agent' FROM generate_series(1, $3) AS n RETURNING id`,
    [tenantId, randomUUID(), opts.agents],
  );
  const agentIds = agents.map((a) => a.id).sort();
  const channel = async (name: string, members: string[]) => {
    const id = (
      await db.query<{ id: string }>(
        'INSERT INTO channels (tenant_id, name, phone_number_id) VALUES ($1, $2, $3) RETURNING id',
        [tenantId, name, randomUUID()],
      )
    ).rows[0]!.id;
    await db.query(
      'INSERT INTO channel_members (channel_id, agent_id) SELECT $1, a FROM unnest($2::uuid[]) AS a',
      [id, members],
    );
    return id;
  };
  const channelId = await channel('Support', agentIds);
  const deps: AssignmentDeps = {
    db,
    pubsub: createInProcessPubSub(),
    prefix: 'test',
    log: createLogger('silent'),
  };
  return {
    tenantId,
    channelId,
    agentIds,
    deps,
    channel,
    async conversation(o = {}) {
      const contactId =
        o.contactId ??
        (
          await db.query<{ id: string }>(
            'INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, $2) RETURNING id',
            [tenantId, randomUUID()],
          )
        ).rows[0]!.id;
      const id = (
        await db.query<{ id: string }>(
          `INSERT INTO conversations (tenant_id, channel_id, contact_id, last_inbound_at, last_message_at)
           VALUES ($1, $2, $3, now(), now()) RETURNING id`,
          [tenantId, o.channelId ?? channelId, contactId],
        )
      ).rows[0]!.id;
      return { id, contactId };
    },
    async rules(rules, ch = channelId) {
      await saveChannelRules(db, tenantId, ch, ChannelRulesSchema.parse(rules));
    },
    async capacity(agentId, maxOpen) {
      await db.query(
        `INSERT INTO assignment_agents (agent_id, tenant_id, max_open) VALUES ($1, $2, $3)
         ON CONFLICT (agent_id) DO UPDATE SET max_open = EXCLUDED.max_open`,
        [agentId, tenantId, maxOpen],
      );
    },
  };
}

export async function assigneeOf(db: Db, conversationId: string): Promise<string | null> {
  const { rows } = await db.query<{ assignee_id: string | null }>(
    'SELECT assignee_id FROM conversations WHERE id = $1',
    [conversationId],
  );
  return rows[0]?.assignee_id ?? null;
}
