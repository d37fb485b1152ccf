// What automatic assignment does, on whichever database the suite is given (PGlite, PostgreSQL).
import { describe, expect, it } from 'vitest';
import type { AfterCommit } from '../hooks/persist-hook.ts';
import type { Db } from '../store/db.ts';
import { useMigratedDb } from '../test-support/migrated-db.ts';
import { assignConversation } from './assign-conversation.ts';
import { assigneeOf, createWorld } from './assignment.test-support.ts';
import { createAssignmentHook } from './assignment-hook.ts';
import { createGiveBack } from './give-back.ts';
import { saveTeamRules } from './settings.ts';
import { workOffWaiting } from './waiting-list.ts';

const ALWAYS_CLOSED = { timeZone: 'UTC', weekly: {}, holidays: [] };
const ALWAYS_OPEN = {
  timeZone: 'UTC',
  weekly: Object.fromEntries(
    ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]),
  ),
  holidays: [],
};

export function assignmentContract(
  adapter: string,
  open: () => Promise<{ db: Db; teardown?: () => Promise<void> }>,
) {
  describe(`assignment: ${adapter}`, () => {
    let db: Db;
    useMigratedDb(open, (opened) => {
      db = opened;
    });

    const auditOf = async (conversationId: string) =>
      (
        await db.query<{ action: string; details: { reason: string } }>(
          'SELECT action, details FROM audit_log WHERE target = $1 ORDER BY id',
          [`conversation:${conversationId}`],
        )
      ).rows;

    it('round robin takes agents in order and records each decision with its event and reason', async () => {
      const w = await createWorld(db, { agents: 3 });
      await w.rules({ policy: 'round_robin' });
      const got: (string | null)[] = [];
      for (let i = 0; i < 4; i++) {
        const c = await w.conversation();
        await assignConversation(w.deps, w.tenantId, c.id, 'created');
        got.push(await assigneeOf(db, c.id));
      }
      expect(got).toEqual([...w.agentIds, w.agentIds[0]]);
      const { rows: events } = await db.query<{
        data: { assigneeId: string };
        scope_agent_id: string;
        scope_channel_id: string;
      }>(
        `SELECT data, scope_agent_id, scope_channel_id FROM event_log WHERE tenant_id = $1 AND type = 'conversation.updated' ORDER BY seq`,
        [w.tenantId],
      );
      expect(events.map((e) => e.data.assigneeId)).toEqual(got);
      expect(
        events.every((e) => e.scope_channel_id === w.channelId && e.scope_agent_id === e.data.assigneeId),
      ).toBe(true);
      // The fourth went round to the first agent, after the third.
      const { rows: third } = await db.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [
        w.agentIds[2],
      ]);
      const last = await db.query<{ details: { reason: string } }>(
        `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'conversation.auto_assigned' ORDER BY id DESC LIMIT 1`,
        [w.tenantId],
      );
      expect(last.rows[0]?.details.reason).toBe(`round robin, after ${third[0]?.name}`);
    });

    it('round robin looks past the first agents of the ring when they are all full', async () => {
      const w = await createWorld(db, { agents: 20 });
      await w.rules({ policy: 'round_robin' });
      for (const a of w.agentIds.slice(0, 18)) await w.capacity(a, 0);
      const c = await w.conversation();
      expect(await assignConversation(w.deps, w.tenantId, c.id, 'created')).toMatchObject({
        agentId: w.agentIds[18],
      });
      for (const a of w.agentIds.slice(18)) await w.capacity(a, 1);
      const d = await w.conversation();
      expect(await assignConversation(w.deps, w.tenantId, d.id, 'created')).toMatchObject({
        agentId: w.agentIds[19],
      });
      const e = await w.conversation();
      expect(await assignConversation(w.deps, w.tenantId, e.id, 'created')).toEqual({
        kind: 'waiting',
        reason: 'waiting: all agents at capacity',
      });
    });

    it('balanced chooses the agent with the fewest open conversations', async () => {
      const w = await createWorld(db, { agents: 3 });
      await w.rules({ policy: 'manual' });
      for (const [agent, n] of [
        [w.agentIds[0]!, 2],
        [w.agentIds[1]!, 0],
        [w.agentIds[2]!, 1],
      ] as const) {
        for (let i = 0; i < n; i++) {
          const c = await w.conversation();
          await db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [c.id, agent]);
        }
      }
      await w.rules({ policy: 'balanced' });
      const c = await w.conversation();
      const outcome = await assignConversation(w.deps, w.tenantId, c.id, 'created');
      expect(outcome).toMatchObject({ kind: 'assigned', agentId: w.agentIds[1], reason: 'balanced: 0 open' });
    });

    it('skips full agents, then queues when everyone is at capacity, and works the list off in order', async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin' });
      for (const a of w.agentIds) await w.capacity(a, 1);
      const [c1, c2, c3, c4] = [
        await w.conversation(),
        await w.conversation(),
        await w.conversation(),
        await w.conversation(),
      ];
      for (const c of [c1, c2, c3, c4]) await assignConversation(w.deps, w.tenantId, c!.id, 'created');
      expect([await assigneeOf(db, c1!.id), await assigneeOf(db, c2!.id)].sort()).toEqual(w.agentIds);
      expect(await assigneeOf(db, c3!.id)).toBeNull();
      expect((await auditOf(c3!.id)).map((r) => r.details.reason)).toEqual([
        'waiting: all agents at capacity',
      ]);
      // c4 came later: it must not overtake c3, whatever happens first.
      await db.query("UPDATE conversations SET status = 'resolved' WHERE id = $1", [c1!.id]);
      expect(await workOffWaiting(w.deps, w.tenantId)).toEqual({ assigned: 1, waiting: 1 });
      expect(await assigneeOf(db, c3!.id)).toBe(await assigneeOf(db, c1!.id));
      expect(await assigneeOf(db, c4!.id)).toBeNull();
    });

    it('queues a newcomer behind conversations already waiting in the channel', async () => {
      const w = await createWorld(db, { agents: 1 });
      await w.rules({ policy: 'round_robin' });
      await w.capacity(w.agentIds[0]!, 0);
      const first = await w.conversation();
      await assignConversation(w.deps, w.tenantId, first.id, 'created');
      await w.capacity(w.agentIds[0]!, 1);
      const second = await w.conversation();
      expect(await assignConversation(w.deps, w.tenantId, second.id, 'created')).toMatchObject({
        kind: 'waiting',
        reason: 'waiting: earlier conversations first',
      });
      await workOffWaiting(w.deps, w.tenantId);
      expect(await assigneeOf(db, first.id)).toBe(w.agentIds[0]);
      expect(await assigneeOf(db, second.id)).toBeNull();
    });

    it('respects the per-channel capacity beside the global one', async () => {
      const w = await createWorld(db, { agents: 1 });
      await w.rules({ policy: 'round_robin', maxOpenPerAgent: 1 });
      const other = await w.channel('Sales', w.agentIds);
      await w.rules({ policy: 'round_robin' }, other);
      const a = await w.conversation();
      const b = await w.conversation();
      const c = await w.conversation({ channelId: other });
      for (const x of [a, b, c]) await assignConversation(w.deps, w.tenantId, x.id, 'created');
      expect([await assigneeOf(db, a.id), await assigneeOf(db, b.id), await assigneeOf(db, c.id)]).toEqual([
        w.agentIds[0],
        null,
        w.agentIds[0],
      ]);
    });

    it('skips agents who are not online under an online-only policy', async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin', onlineOnly: true });
      await db.query("UPDATE agents SET availability = 'away' WHERE id = $1", [w.agentIds[0]]);
      const c = await w.conversation();
      expect(await assignConversation(w.deps, w.tenantId, c.id, 'created')).toMatchObject({
        agentId: w.agentIds[1],
      });
      const live = { presenceOf: async () => new Map([[w.agentIds[0]!, 'online' as const]]) };
      const d = await w.conversation();
      expect(
        await assignConversation({ ...w.deps, presence: live }, w.tenantId, d.id, 'created'),
      ).toMatchObject({
        agentId: w.agentIds[0],
      });
    });

    it('sends a returning customer to the agent who answered them, in any channel, within the window', async () => {
      const w = await createWorld(db, { agents: 3 });
      await w.rules({ policy: 'round_robin', stickyDays: 7 });
      const before = await w.conversation();
      await db.query(
        `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, author_id)
         VALUES ($1, $2, 'out', 'text', '{"body":"hi"}', 'sent', $3)`,
        [w.tenantId, before.id, w.agentIds[2]],
      );
      const other = await w.channel('Sales', w.agentIds);
      await w.rules({ policy: 'round_robin', stickyDays: 7 }, other);
      const back = await w.conversation({ contactId: before.contactId, channelId: other });
      expect(await assignConversation(w.deps, w.tenantId, back.id, 'created')).toMatchObject({
        kind: 'assigned',
        agentId: w.agentIds[2],
        reason: 'sticky: last agent',
      });
      await w.rules({ policy: 'round_robin', stickyDays: 0 }, other);
      await db.query('UPDATE conversations SET assignee_id = NULL WHERE id = $1', [back.id]);
      expect(await assignConversation(w.deps, w.tenantId, back.id, 'created')).toMatchObject({
        agentId: w.agentIds[0],
      });
    });

    it('keeps a reopened conversation with its agent while eligible, even when it fills them', async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin' });
      await w.capacity(w.agentIds[1]!, 1);
      const c = await w.conversation();
      await db.query("UPDATE conversations SET assignee_id = $2, status = 'open' WHERE id = $1", [
        c.id,
        w.agentIds[1],
      ]);
      expect(await assignConversation(w.deps, w.tenantId, c.id, 'reopened')).toMatchObject({
        kind: 'kept',
        agentId: w.agentIds[1],
      });
      // Taken off the channel meanwhile: it goes to someone who may take it.
      await db.query('DELETE FROM channel_members WHERE agent_id = $1', [w.agentIds[1]]);
      expect(await assignConversation(w.deps, w.tenantId, c.id, 'reopened')).toMatchObject({
        kind: 'assigned',
        agentId: w.agentIds[0],
      });
    });

    it('never assigns a conversation that is already assigned or resolved', async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin' });
      const c = await w.conversation();
      await db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [c.id, w.agentIds[1]]);
      expect((await assignConversation(w.deps, w.tenantId, c.id, 'created')).kind).toBe('kept');
      const r = await w.conversation();
      await db.query("UPDATE conversations SET status = 'resolved' WHERE id = $1", [r.id]);
      expect((await assignConversation(w.deps, w.tenantId, r.id, 'created')).kind).toBe('skipped');
      expect(await assigneeOf(db, r.id)).toBeNull();
    });

    it('leaves conversations alone under the manual policy', async () => {
      const w = await createWorld(db, { agents: 2 });
      const c = await w.conversation();
      expect((await assignConversation(w.deps, w.tenantId, c.id, 'created')).kind).toBe('manual');
      expect(await assigneeOf(db, c.id)).toBeNull();
    });

    it('out of hours: waits, auto-replies once per period through the outbound ledger, and is assigned when hours open', async () => {
      const w = await createWorld(db, { agents: 1 });
      await w.rules({
        policy: 'round_robin',
        businessHours: ALWAYS_CLOSED,
        autoReply: 'We are closed; back at 9.',
      });
      const c = await w.conversation();
      expect(await assignConversation(w.deps, w.tenantId, c.id, 'created')).toEqual({
        kind: 'waiting',
        reason: 'out of hours',
      });
      await assignConversation(w.deps, w.tenantId, c.id, 'message');
      const { rows } = await db.query<{
        body: { body: string };
        author_id: string | null;
        status: string;
        state: string;
      }>(
        `SELECT m.body, m.author_id, m.status, s.state FROM messages m JOIN outbound_sends s ON s.message_id = m.id
         WHERE m.conversation_id = $1 AND m.direction = 'out'`,
        [c.id],
      );
      expect(rows).toEqual([
        { body: { body: 'We are closed; back at 9.' }, author_id: null, status: 'pending', state: 'queued' },
      ]);
      expect((await auditOf(c.id)).map((r) => r.details.reason)).toEqual(['out of hours']);
      await w.rules({
        policy: 'round_robin',
        businessHours: ALWAYS_OPEN,
        autoReply: 'We are closed; back at 9.',
      });
      expect(await workOffWaiting(w.deps, w.tenantId)).toEqual({ assigned: 1, waiting: 0 });
      expect(await assigneeOf(db, c.id)).toBe(w.agentIds[0]);
    });

    it('out of hours with a designated team: the team takes it under its own policy', async () => {
      const w = await createWorld(db, { agents: 3 });
      const team = (
        await db.query<{ id: string }>(
          "INSERT INTO teams (tenant_id, name) VALUES ($1, 'Night') RETURNING id",
          [w.tenantId],
        )
      ).rows[0]!.id;
      await db.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [team, w.agentIds[2]]);
      await saveTeamRules(db, w.tenantId, team, { policy: 'round_robin', onlineOnly: null });
      await w.rules({ policy: 'round_robin', businessHours: ALWAYS_CLOSED, afterHoursTeamId: team });
      const c = await w.conversation();
      expect(await assignConversation(w.deps, w.tenantId, c.id, 'created')).toMatchObject({
        agentId: w.agentIds[2],
      });
      const { rows } = await db.query<{ team_id: string }>(
        'SELECT team_id FROM conversations WHERE id = $1',
        [c.id],
      );
      expect(rows[0]?.team_id).toBe(team);
    });

    it("gives an offline assignee's conversations back after the channel's grace, to be assigned again", async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin', onlineOnly: true, giveBackAfterMinutes: 5 });
      const c = await w.conversation();
      await db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [c.id, w.agentIds[0]]);
      const presence = {
        presenceOf: async () =>
          new Map([
            [w.agentIds[0]!, 'offline' as const],
            [w.agentIds[1]!, 'online' as const],
          ]),
      };
      let now = Date.parse('2026-11-25T10:00:00Z');
      const deps = { ...w.deps, presence, now: () => new Date(now) };
      const giveBack = createGiveBack(deps);
      expect(await giveBack.sweep()).toBe(0); // first seen offline now
      now += 4 * 60_000;
      expect(await giveBack.sweep()).toBe(0);
      now += 2 * 60_000;
      expect(await giveBack.sweep()).toBe(1);
      expect(await assigneeOf(db, c.id)).toBeNull();
      expect((await auditOf(c.id)).map((r) => r.details.reason)).toEqual([
        'given back: assignee offline for 5 min',
      ]);
      expect(await workOffWaiting(deps, w.tenantId)).toEqual({ assigned: 1, waiting: 0 });
      expect(await assigneeOf(db, c.id)).toBe(w.agentIds[1]);
    });

    it('the ingest hook assigns new conversations and leaves plain messages alone', async () => {
      const w = await createWorld(db, { agents: 2 });
      await w.rules({ policy: 'round_robin' });
      const fresh = await w.conversation();
      const old = await w.conversation();
      const msg = (messageId: string, conversationId: string, created: boolean) => ({
        messageId,
        conversationId,
        channelId: w.channelId,
        kind: 'text',
        created,
        reopened: false,
      });
      const outcome: AfterCommit = {
        newMessages: [msg('m1', fresh.id, true), msg('m2', fresh.id, true), msg('m3', old.id, false)],
      };
      await createAssignmentHook(w.deps).afterPersist(w.tenantId, outcome);
      expect(await assigneeOf(db, fresh.id)).toBe(w.agentIds[0]);
      expect(await assigneeOf(db, old.id)).toBeNull();
    });

    it('parks a conversation whose decision failed in the waiting list, where the next pass assigns it', async () => {
      const w = await createWorld(db, { agents: 1 });
      await w.rules({ policy: 'round_robin' });
      const c = await w.conversation();
      const failing: Db = { ...db, query: db.query, tx: () => Promise.reject(new Error('connection reset')) };
      const outcome: AfterCommit = {
        newMessages: [
          {
            messageId: 'm1',
            conversationId: c.id,
            channelId: w.channelId,
            kind: 'text',
            created: true,
            reopened: false,
          },
        ],
      };
      await createAssignmentHook({ ...w.deps, db: failing }).afterPersist(w.tenantId, outcome);
      expect(await assigneeOf(db, c.id)).toBeNull();
      expect(await workOffWaiting(w.deps, w.tenantId)).toEqual({ assigned: 1, waiting: 0 });
      expect(await assigneeOf(db, c.id)).toBe(w.agentIds[0]);
    });

    it('keeps the load counter equal to a count of open conversations through any writer', async () => {
      const w = await createWorld(db, { agents: 3 });
      const ids = [];
      for (let i = 0; i < 12; i++) ids.push((await w.conversation()).id);
      for (const [i, id] of ids.entries()) {
        await db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [id, w.agentIds[i % 3]]);
        if (i % 4 === 0) await db.query("UPDATE conversations SET status = 'resolved' WHERE id = $1", [id]);
        if (i % 5 === 0)
          await db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [id, w.agentIds[0]]);
        if (i % 7 === 0) await db.query('DELETE FROM conversations WHERE id = $1', [id]);
      }
      const counted = await db.query<{ agent_id: string; n: number }>(
        `SELECT assignee_id AS agent_id, count(*)::int AS n FROM conversations
         WHERE tenant_id = $1 AND assignee_id IS NOT NULL AND status <> 'resolved' GROUP BY 1 ORDER BY 1`,
        [w.tenantId],
      );
      const kept = await db.query<{ agent_id: string; n: number }>(
        'SELECT agent_id, open_count AS n FROM assignment_load WHERE tenant_id = $1 AND open_count > 0 ORDER BY 1',
        [w.tenantId],
      );
      expect(kept.rows).toEqual(counted.rows);
    });
  });
}
