// A transfer to a team without an assignee, decided by the team's rules, on whichever database the
// suite is given (PGlite, PostgreSQL). The transfer itself is written straight to the table, as the
// REST route commits it; the route's own part is in api/routes/assignment-routes.contract.ts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../store/db.ts';
import { useMigratedDb } from '../test-support/migrated-db.ts';
import { assignConversation } from './assign-conversation.ts';
import { assigneeOf, createWorld, type World } from './assignment.test-support.ts';
import { saveTeamRules, type TeamRules } from './settings.ts';
import { assignAfterTransfer } from './team-transfer.ts';
import { workOffWaiting } from './waiting-list.ts';

const ALWAYS_CLOSED = { timeZone: 'UTC', weekly: {}, holidays: [] };

export function teamTransferContract(
  adapter: string,
  open: () => Promise<{ db: Db; teardown?: () => Promise<void> }>,
) {
  describe(`transfer to a team: ${adapter}`, () => {
    let db: Db;
    useMigratedDb(open, (opened) => {
      db = opened;
    });

    const team = async (w: World, members: string[], rules: TeamRules | null) => {
      const id = (
        await db.query<{ id: string }>('INSERT INTO teams (tenant_id, name) VALUES ($1, $2) RETURNING id', [
          w.tenantId,
          `Team ${randomUUID()}`,
        ])
      ).rows[0]!.id;
      await db.query(
        'INSERT INTO team_members (team_id, agent_id) SELECT $1, a FROM unnest($2::uuid[]) AS a',
        [id, members],
      );
      if (rules) await saveTeamRules(db, w.tenantId, id, rules);
      return id;
    };
    /** What the route commits: the team set, the assignee cleared. */
    const transfer = async (conversationId: string, teamId: string) => {
      await db.query('UPDATE conversations SET team_id = $2, assignee_id = NULL WHERE id = $1', [
        conversationId,
        teamId,
      ]);
    };
    const teamOf = async (conversationId: string) =>
      (
        await db.query<{ team_id: string | null }>('SELECT team_id FROM conversations WHERE id = $1', [
          conversationId,
        ])
      ).rows[0]?.team_id ?? null;
    const lastReason = async (conversationId: string) =>
      (
        await db.query<{ reason: string }>(
          'SELECT reason FROM conversation_assignments WHERE conversation_id = $1',
          [conversationId],
        )
      ).rows[0]?.reason ?? null;
    const eventsOf = async (w: World, conversationId: string) =>
      (
        await db.query<{ data: { assigneeId?: string | null; teamId?: string | null } }>(
          `SELECT data FROM event_log WHERE tenant_id = $1 AND entity_id = $2 AND type = 'conversation.updated' ORDER BY seq`,
          [w.tenantId, conversationId],
        )
      ).rows.map((r) => r.data);

    it("assigns a member of a round-robin team, in the team's order, with its event and its own reason", async () => {
      const w = await createWorld(db, { agents: 3 });
      // The channel's own rules would choose its first agent, who is not in the team.
      await w.rules({ policy: 'round_robin' });
      const sales = await team(w, [w.agentIds[1]!, w.agentIds[2]!], {
        policy: 'round_robin',
        onlineOnly: null,
      });
      const got: (string | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const c = await w.conversation();
        await transfer(c.id, sales);
        expect(await assignAfterTransfer(w.deps, w.tenantId, c.id)).toMatchObject({ kind: 'assigned' });
        got.push(await assigneeOf(db, c.id));
        expect(await teamOf(c.id)).toBe(sales);
        expect(await eventsOf(w, c.id)).toEqual([{ assigneeId: got[i], teamId: sales }]);
      }
      expect(got).toEqual([w.agentIds[1], w.agentIds[2], w.agentIds[1]]);
      const { rows: audit } = await db.query<{ details: { reason: string; trigger: string; scope: string } }>(
        `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'conversation.auto_assigned' ORDER BY id`,
        [w.tenantId],
      );
      expect(audit[0]?.details).toMatchObject({
        reason: 'transferred: round robin, first in order',
        trigger: 'transferred',
        scope: 'team',
      });
      const { rows: named } = await db.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [
        w.agentIds[1],
      ]);
      expect(audit[1]?.details.reason).toBe(`transferred: round robin, after ${named[0]?.name}`);
    });

    it('leaves a conversation unassigned in a team without rules of its own, whatever the channel says', async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin' });
      const bare = await team(w, [w.agentIds[1]!], null);
      const following = await team(w, [w.agentIds[1]!], { policy: null, onlineOnly: null });
      for (const t of [bare, following]) {
        const c = await w.conversation();
        await transfer(c.id, t);
        expect(await assignAfterTransfer(w.deps, w.tenantId, c.id)).toEqual({
          kind: 'skipped',
          reason: 'the team has no assignment rules',
        });
        expect(await assigneeOf(db, c.id)).toBeNull();
        expect(await teamOf(c.id)).toBe(t);
        expect(await eventsOf(w, c.id)).toEqual([]);
      }
    });

    it('leaves a manual team to its members, out of hours too, outside the waiting list', async () => {
      const w = await createWorld(db, { agents: 2 });
      const manual = await team(w, w.agentIds, { policy: 'manual', onlineOnly: null });
      for (const rules of [
        { policy: 'round_robin' as const },
        { policy: 'round_robin' as const, businessHours: ALWAYS_CLOSED },
      ]) {
        await w.rules(rules);
        const c = await w.conversation();
        await transfer(c.id, manual);
        expect(await assignAfterTransfer(w.deps, w.tenantId, c.id)).toMatchObject({ kind: 'manual' });
        expect(await assigneeOf(db, c.id)).toBeNull();
        const { rows } = await db.query('SELECT 1 FROM assignment_waiting WHERE conversation_id = $1', [
          c.id,
        ]);
        expect(rows).toEqual([]);
      }
    });

    it('skips a team member at capacity, and waits in the team when all are full', async () => {
      const w = await createWorld(db, { agents: 3 });
      const sales = await team(w, [w.agentIds[1]!, w.agentIds[2]!], {
        policy: 'round_robin',
        onlineOnly: null,
      });
      await w.capacity(w.agentIds[1]!, 0);
      const first = await w.conversation();
      await transfer(first.id, sales);
      await assignAfterTransfer(w.deps, w.tenantId, first.id);
      expect(await assigneeOf(db, first.id)).toBe(w.agentIds[2]);

      await w.capacity(w.agentIds[2]!, 1);
      const second = await w.conversation();
      await transfer(second.id, sales);
      expect(await assignAfterTransfer(w.deps, w.tenantId, second.id)).toEqual({
        kind: 'waiting',
        reason: 'waiting: all agents at capacity',
      });
      expect(await assigneeOf(db, second.id)).toBeNull();
      expect(await teamOf(second.id)).toBe(sales);
      // The channel's first agent has room, but is not in the team: the waiting list keeps to it.
      await w.capacity(w.agentIds[1]!, 5);
      expect(await workOffWaiting(w.deps, w.tenantId)).toEqual({ assigned: 1, waiting: 0 });
      expect(await assigneeOf(db, second.id)).toBe(w.agentIds[1]);
      expect(await teamOf(second.id)).toBe(sales);
    });

    it('queues behind conversations of the channel that were waiting first, as a new conversation does', async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin' });
      for (const a of w.agentIds) await w.capacity(a, 0);
      const earlier = await w.conversation();
      expect(await assignConversation(w.deps, w.tenantId, earlier.id, 'created')).toMatchObject({
        kind: 'waiting',
      });
      const sales = await team(w, [w.agentIds[1]!], { policy: 'round_robin', onlineOnly: null });
      await w.capacity(w.agentIds[1]!, 5);
      const moved = await w.conversation();
      await transfer(moved.id, sales);
      expect(await assignAfterTransfer(w.deps, w.tenantId, moved.id)).toEqual({
        kind: 'waiting',
        reason: 'waiting: earlier conversations first',
      });
      expect(await workOffWaiting(w.deps, w.tenantId)).toEqual({ assigned: 2, waiting: 0 });
      expect(await assigneeOf(db, earlier.id)).toBe(w.agentIds[1]);
      expect(await assigneeOf(db, moved.id)).toBe(w.agentIds[1]);
    });

    it('waits out of hours in the chosen team, without an auto-reply, even when the channel has a night team', async () => {
      const w = await createWorld(db, { agents: 2 });
      const night = await team(w, [w.agentIds[0]!], { policy: 'round_robin', onlineOnly: null });
      const sales = await team(w, [w.agentIds[1]!], { policy: 'round_robin', onlineOnly: null });
      await w.rules({
        policy: 'round_robin',
        businessHours: ALWAYS_CLOSED,
        afterHoursTeamId: night,
        autoReply: 'We are closed.',
      });
      // The night team itself decides out of hours, as for the channel's own conversations.
      const toNight = await w.conversation();
      await transfer(toNight.id, night);
      expect(await assignAfterTransfer(w.deps, w.tenantId, toNight.id)).toMatchObject({
        kind: 'assigned',
        agentId: w.agentIds[0],
      });
      const c = await w.conversation();
      await transfer(c.id, sales);
      expect(await assignAfterTransfer(w.deps, w.tenantId, c.id)).toEqual({
        kind: 'waiting',
        reason: 'out of hours',
      });
      expect(await workOffWaiting(w.deps, w.tenantId)).toEqual({ assigned: 0, waiting: 1 });
      expect(await assigneeOf(db, c.id)).toBeNull();
      expect(await teamOf(c.id)).toBe(sales);
      const { rows } = await db.query('SELECT 1 FROM messages WHERE conversation_id = $1', [c.id]);
      expect(rows).toEqual([]);
    });

    it('does not send a returning customer back to the agent who handed them on', async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin', stickyDays: 30 });
      const sales = await team(w, w.agentIds, { policy: 'round_robin', onlineOnly: null });
      const c = await w.conversation();
      // The second agent answered last: stickiness would choose them; round robin starts at the first.
      await db.query(
        `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, author_id)
         VALUES ($1, $2, 'out', 'text', '{}', 'sent', $3)`,
        [w.tenantId, c.id, w.agentIds[1]],
      );
      await transfer(c.id, sales);
      expect(await assignAfterTransfer(w.deps, w.tenantId, c.id)).toMatchObject({ agentId: w.agentIds[0] });
      expect(await lastReason(c.id)).toBe('transferred: round robin, first in order');
    });

    it('logs a failed decision and parks the conversation, where the next pass assigns it', async () => {
      const w = await createWorld(db, { agents: 1 });
      const sales = await team(w, w.agentIds, { policy: 'round_robin', onlineOnly: null });
      const c = await w.conversation();
      await transfer(c.id, sales);
      const logged: string[] = [];
      const log = {
        ...w.deps.log,
        error: (_: unknown, msg: string) => void logged.push(msg),
      } as World['deps']['log'];
      const failing: Db = { ...db, query: db.query, tx: () => Promise.reject(new Error('connection reset')) };
      expect(await assignAfterTransfer({ ...w.deps, db: failing, log }, w.tenantId, c.id)).toBeNull();
      expect(logged).toEqual([expect.stringContaining('decision after a transfer to a team failed')]);
      expect(await assigneeOf(db, c.id)).toBeNull();
      expect(await workOffWaiting(w.deps, w.tenantId)).toEqual({ assigned: 1, waiting: 0 });
      expect(await assigneeOf(db, c.id)).toBe(w.agentIds[0]);
    });
  });
}
