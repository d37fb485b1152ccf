// The database refuses a row that joins two tenants (020_tenant_keys.sql), whichever code wrote it:
// each check below writes straight SQL, as a buggy route or service would, and expects the foreign
// key violation. The catalogue walk keeps the class closed: a later table that points at a tenant's
// row with a single-column key fails here.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addChannel, createAgent, createTenant } from '../admin/accounts.ts';
import { type OpenDb, useMigratedDb } from '../test-support/migrated-db.ts';
import type { Db, Queryable } from './db.ts';
import { createSecretBox } from './secret-box.ts';

/** Parents whose rows belong to one tenant: every key pointing at them must carry tenant_id. */
const TENANT_PARENTS = [
  'agents',
  'teams',
  'channels',
  'contacts',
  'conversations',
  'bots',
  'messages',
  'sched_services',
  'sched_staff',
];

interface Side {
  tenantId: string;
  agentId: string;
  teamId: string;
  channelId: string;
  contactId: string;
  conversationId: string;
  botId: string;
}

const one = async (q: Queryable, sql: string, params: unknown[]) =>
  (await q.query<{ id: string }>(sql, params)).rows[0]!.id;

async function side(db: Db, label: string): Promise<Side> {
  const box = createSecretBox('07'.repeat(32));
  return db.tx(async (q) => {
    const { id: tenantId } = await createTenant(q, `keys ${label}`);
    const { id: agentId } = await createAgent(q, tenantId, {
      email: `${label}-${randomUUID()}@keys.test`,
      name: label,
      role: 'agent',
      password: 'a-long-password-1',
    });
    const teamId = await one(q, 'INSERT INTO teams (tenant_id, name) VALUES ($1, $2) RETURNING id', [
      tenantId,
      `team ${label}`,
    ]);
    const { id: channelId } = await addChannel(q, box, tenantId, {
      name: label,
      phoneNumberId: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    });
    const contactId = await one(q, 'INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, $2) RETURNING id', [
      tenantId,
      `55${Math.floor(Math.random() * 1e10)}`,
    ]);
    const conversationId = await one(
      q,
      'INSERT INTO conversations (tenant_id, channel_id, contact_id) VALUES ($1, $2, $3) RETURNING id',
      [tenantId, channelId, contactId],
    );
    const { id: botAgent } = await createAgent(q, tenantId, {
      email: `bot-${randomUUID()}@keys.test`,
      name: 'bot',
      role: 'bot',
    });
    const botId = await one(
      q,
      "INSERT INTO bots (tenant_id, name, kind, builtin, agent_id) VALUES ($1, 'b', 'builtin', 'scheduling', $2) RETURNING id",
      [tenantId, botAgent],
    );
    return { tenantId, agentId, teamId, channelId, contactId, conversationId, botId };
  });
}

export function tenantKeysContract(adapter: string, open: OpenDb): void {
  describe(`tenant keys: ${adapter}`, () => {
    let db: Db;
    let A: Side;
    let B: Side;
    useMigratedDb(open, (opened) => {
      db = opened;
    });

    const refused = async (sql: string, params: unknown[]) => {
      const err = await db.query(sql, params).then(
        () => null,
        (e: unknown) => e as { code?: string },
      );
      expect(err, sql).not.toBeNull();
      // 23503: foreign_key_violation.
      expect(err?.code, sql).toBe('23503');
    };

    it('refuses every row that points from one tenant into another', async () => {
      A = await side(db, 'a');
      B = await side(db, 'b');
      await refused('INSERT INTO conversations (tenant_id, channel_id, contact_id) VALUES ($1, $2, $3)', [
        A.tenantId,
        B.channelId,
        A.contactId,
      ]);
      await refused('INSERT INTO conversations (tenant_id, channel_id, contact_id) VALUES ($1, $2, $3)', [
        A.tenantId,
        A.channelId,
        B.contactId,
      ]);
      await refused('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [A.conversationId, B.agentId]);
      await refused('UPDATE conversations SET team_id = $2 WHERE id = $1', [A.conversationId, B.teamId]);
      await refused('UPDATE bots SET handoff_team_id = $2 WHERE id = $1', [A.botId, B.teamId]);
      await refused(
        "INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status) VALUES ($1, $2, 'in', 'text', '{}', 'received')",
        [A.tenantId, B.conversationId],
      );
      await refused(
        'INSERT INTO notes (tenant_id, conversation_id, author_id, body) VALUES ($1, $2, $3, $4)',
        [A.tenantId, A.conversationId, B.agentId, 'x'],
      );
      // Link tables take their tenant from the row they belong to; the other parent must match it.
      await refused('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [A.teamId, B.agentId]);
      await refused('INSERT INTO channel_members (channel_id, agent_id) VALUES ($1, $2)', [
        A.channelId,
        B.agentId,
      ]);
      await refused('INSERT INTO channel_members (channel_id, team_id) VALUES ($1, $2)', [
        A.channelId,
        B.teamId,
      ]);
      await refused('INSERT INTO channel_bots (channel_id, bot_id) VALUES ($1, $2)', [A.channelId, B.botId]);
      await refused(
        'INSERT INTO conversation_reads (conversation_id, agent_id, read_at) VALUES ($1, $2, now())',
        [A.conversationId, B.agentId],
      );
      await refused(
        "INSERT INTO bot_sessions (conversation_id, tenant_id, bot_id, status) VALUES ($1, $2, $3, 'active')",
        [A.conversationId, A.tenantId, B.botId],
      );
      // A writer that names the wrong tenant outright is refused by the row's own parent.
      await refused('INSERT INTO team_members (tenant_id, team_id, agent_id) VALUES ($1, $2, $3)', [
        B.tenantId,
        A.teamId,
        B.agentId,
      ]);
    });

    it("accepts the same rows within one tenant and fills a link row's tenant", async () => {
      await db.query('UPDATE conversations SET assignee_id = $2, team_id = $3 WHERE id = $1', [
        A.conversationId,
        A.agentId,
        A.teamId,
      ]);
      await db.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [A.teamId, A.agentId]);
      await db.query('INSERT INTO channel_bots (channel_id, bot_id) VALUES ($1, $2)', [A.channelId, A.botId]);
      const { rows } = await db.query<{ tenant_id: string }>(
        'SELECT tenant_id FROM team_members WHERE team_id = $1 UNION ALL SELECT tenant_id FROM channel_bots WHERE channel_id = $2',
        [A.teamId, A.channelId],
      );
      expect(rows.map((r) => r.tenant_id)).toEqual([A.tenantId, A.tenantId]);
    });

    it("removing an agent or a team clears the conversation's pointer and keeps its tenant", async () => {
      await db.query('DELETE FROM teams WHERE id = $1', [A.teamId]);
      await db.query('DELETE FROM agents WHERE id = $1', [A.agentId]);
      const { rows } = await db.query<{
        tenant_id: string;
        assignee_id: string | null;
        team_id: string | null;
      }>('SELECT tenant_id, assignee_id, team_id FROM conversations WHERE id = $1', [A.conversationId]);
      expect(rows[0]).toEqual({ tenant_id: A.tenantId, assignee_id: null, team_id: null });
    });

    it('every table that could join two tenants points at their rows through tenant_id', async () => {
      // A row with one pointer into a tenant and no tenant of its own (a per-conversation state
      // row) cannot join two tenants; a row with a tenant_id, or with two pointers, can, and then
      // every pointer must be a (tenant_id, x) key.
      const { rows } = await db.query<{ name: string; child: string; cols: string[]; has_tenant: boolean }>(
        `SELECT c.conname AS name, c.conrelid::regclass::text AS child,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) AS k (n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
           EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.conrelid AND t.attname = 'tenant_id' AND NOT t.attisdropped) AS has_tenant
         FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid::regclass::text = ANY($1::text[]) ORDER BY 1`,
        [TENANT_PARENTS],
      );
      expect(rows.length).toBeGreaterThan(40);
      const pointers = new Map<string, number>();
      for (const r of rows) pointers.set(r.child, (pointers.get(r.child) ?? 0) + 1);
      const open = rows.filter(
        (r) => !r.cols.includes('tenant_id') && (r.has_tenant || (pointers.get(r.child) ?? 0) > 1),
      );
      expect(open.map((r) => `${r.child}.${r.name}`)).toEqual([]);
    });
  });
}
