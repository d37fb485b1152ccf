// Several workers assigning at once (scale mode runs many processes): each "process" here is a
// Db of its own with its own connections, and every assignment runs in parallel with the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { assignConversation } from './assign-conversation.ts';
import { createWorld } from './assignment.test-support.ts';

export interface Processes {
  /** One Db per simulated process (PGlite: the same one, since it allows one). */
  dbs: Db[];
  teardown?: () => Promise<void>;
}

export function concurrencyContract(adapter: string, open: () => Promise<Processes>) {
  describe(`assignment under concurrency: ${adapter}`, () => {
    let p: Processes;
    let db: Db;
    beforeAll(async () => {
      p = await open();
      db = p.dbs[0]!;
      await migrate(db);
    });
    afterAll(async () => {
      for (const d of new Set(p?.dbs ?? [])) await d.close();
      await p?.teardown?.();
    });

    /** Runs every assignment at once, spread over the processes. */
    const inParallel = (w: Awaited<ReturnType<typeof createWorld>>, ids: string[]) =>
      Promise.all(
        ids.map((id, i) =>
          assignConversation({ ...w.deps, db: p.dbs[i % p.dbs.length]! }, w.tenantId, id, 'created'),
        ),
      );

    const assignmentsOf = async (tenantId: string) =>
      (
        await db.query<{ target: string; agent_id: string }>(
          `SELECT target, details ->> 'agentId' AS agent_id FROM audit_log
           WHERE tenant_id = $1 AND action = 'conversation.auto_assigned' ORDER BY id`,
          [tenantId],
        )
      ).rows;

    it('never exceeds capacity, even when two channels share the agents', async () => {
      const w = await createWorld(db, { agents: 6 });
      const sales = await w.channel('Sales', w.agentIds);
      await w.rules({ policy: 'round_robin' });
      await w.rules({ policy: 'balanced' }, sales);
      for (const a of w.agentIds) await w.capacity(a, 2);
      const ids: string[] = [];
      for (let i = 0; i < 40; i++)
        ids.push((await w.conversation({ channelId: i % 2 ? sales : w.channelId })).id);
      await inParallel(w, ids);

      const { rows: loads } = await db.query<{ assignee_id: string; n: number }>(
        `SELECT assignee_id, count(*)::int AS n FROM conversations
         WHERE tenant_id = $1 AND assignee_id IS NOT NULL GROUP BY 1`,
        [w.tenantId],
      );
      expect(loads.map((l) => l.n)).toEqual([2, 2, 2, 2, 2, 2]);
      const { rows: waiting } = await db.query('SELECT 1 FROM assignment_waiting WHERE tenant_id = $1', [
        w.tenantId,
      ]);
      expect(waiting.length).toBe(28);
    });

    it('assigns a conversation once however many workers try at the same moment', async () => {
      const w = await createWorld(db, { agents: 5 });
      await w.rules({ policy: 'round_robin' });
      const c = await w.conversation();
      const outcomes = await inParallel(
        w,
        Array.from({ length: 12 }, () => c.id),
      );
      expect(outcomes.filter((o) => o.kind === 'assigned')).toHaveLength(1);
      expect(await assignmentsOf(w.tenantId)).toHaveLength(1);
      const { rows: events } = await db.query(
        `SELECT 1 FROM event_log WHERE tenant_id = $1 AND type = 'conversation.updated' AND entity_id = $2`,
        [w.tenantId, c.id],
      );
      expect(events).toHaveLength(1);
    });

    it('keeps the round-robin order of a channel across processes', async () => {
      const w = await createWorld(db, { agents: 4 });
      await w.rules({ policy: 'round_robin' });
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await w.conversation()).id);
      await inParallel(w, ids);
      // Decisions in commit order (the audit row is written under the channel's lock).
      const order = (await assignmentsOf(w.tenantId)).map((r) => r.agent_id);
      expect(order).toHaveLength(40);
      expect(order).toEqual(order.map((_, i) => w.agentIds[i % 4]));
    });
  });
}
