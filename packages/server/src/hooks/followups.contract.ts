// The followup outbox (hooks/followups.ts) on the embedded default and on PostgreSQL: a worker that
// dies between its batch's commit and the hooks loses no decision, a second run of a followup
// changes nothing, and a failing hook is retried alone, then parked.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildTextMessage } from '@parley/wa-sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDeps } from '../assignment/assign-conversation.ts';
import { createAssignmentHook } from '../assignment/assignment-hook.ts';
import { ChannelRulesSchema, saveChannelRules } from '../assignment/settings.ts';
import { DEMO, inbound } from '../ingest/ingest-path.contract.ts';
import { createMetrics } from '../metrics/registry.ts';
import { type IngestHarness, startIngestHarness } from '../test-support/ingest-harness.ts';
import { createFollowups, type Followup, recordFollowup } from './followups.ts';
import type { AfterCommit, PersistHook } from './persist-hook.ts';

const DIE_AFTER_COMMIT = fileURLToPath(
  new URL('../test-support/die-after-commit-worker.ts', import.meta.url),
);

/** How the first worker is stopped between its commit and its hooks. */
export type Interrupt = 'kill -9 of a worker process' | 'a worker frozen after commit';

interface Snapshot {
  assigned: Record<string, string | null>;
  waiting: string[];
  audit: number;
  seq: number;
}

export function followupsSuite(mode: 'embedded' | 'scale', interrupt: Interrupt): void {
  describe(`followups (${mode})`, () => {
    let h: IngestHarness;
    let deps: AssignmentDeps;
    let release = async () => {};
    beforeAll(async () => {
      h = await startIngestHarness({ mode, worker: false });
      deps = {
        db: h.ctx.db,
        pubsub: h.ctx.pubsub,
        prefix: h.ctx.prefix,
        log: h.ctx.log,
        outbound: h.ctx.outbound,
      };
    }, 120_000);
    afterAll(async () => {
      await release();
      await h?.close();
    });

    const snapshot = async (): Promise<Snapshot> => {
      const db = h.ctx.db;
      const { rows } = await db.query<{ id: string; assignee_id: string | null }>(
        'SELECT id, assignee_id FROM conversations WHERE tenant_id = $1 ORDER BY id',
        [h.tenantId],
      );
      const waiting = await db.query<{ conversation_id: string }>(
        'SELECT conversation_id FROM assignment_waiting WHERE tenant_id = $1 ORDER BY conversation_id',
        [h.tenantId],
      );
      return {
        assigned: Object.fromEntries(rows.map((r) => [r.id, r.assignee_id])),
        waiting: waiting.rows.map((r) => r.conversation_id),
        audit: await h.count('SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1', [h.tenantId]),
        seq: await h.count('SELECT seq AS n FROM tenant_counters WHERE tenant_id = $1', [h.tenantId]),
      };
    };

    it(`loses no decision to ${interrupt} between commit and hooks, and a second run changes nothing`, async () => {
      // Three agents with room for four each: twelve conversations assigned, the rest waiting.
      const { rows: agents } = await h.ctx.db.query<{ id: string }>(
        `INSERT INTO agents (tenant_id, email, name, role)
         SELECT $1, 'followup-' || n || '@example.test', 'Agent ' || n, 'agent' FROM generate_series(1, 3) n RETURNING id`,
        [h.tenantId],
      );
      await h.ctx.db.query(
        'INSERT INTO channel_members (channel_id, agent_id) SELECT $1, a FROM unnest($2::uuid[]) a',
        [h.channelId, agents.map((a) => a.id)],
      );
      await saveChannelRules(
        h.ctx.db,
        h.tenantId,
        h.channelId,
        ChannelRulesSchema.parse({ policy: 'round_robin', maxOpenPerAgent: 4 }),
      );
      const N = 20;
      for (let i = 0; i < N; i++) {
        const from = `1777${String(i).padStart(6, '0')}`;
        expect(
          (await h.post(inbound(DEMO, from, [buildTextMessage({ from, body: `hi ${i}` })]))).status,
        ).toBe(200);
      }
      const conversations = () =>
        h.count('SELECT count(*)::int AS n FROM conversations WHERE tenant_id = $1', [h.tenantId]);
      const decided = () =>
        h.count(
          `SELECT count(*)::int AS n FROM conversations c WHERE c.tenant_id = $1
             AND (c.assignee_id IS NOT NULL OR EXISTS (SELECT 1 FROM assignment_waiting w WHERE w.conversation_id = c.id))`,
          [h.tenantId],
        );
      const followups = () =>
        h.count('SELECT count(*)::int AS n FROM followups WHERE tenant_id = $1', [h.tenantId]);

      release = await interruptAfterCommit(h, interrupt);
      await h.waitFor(async () => (await conversations()) === N, `${N} conversations stored`);
      // The first worker committed its batch, then stopped before any hook ran.
      expect(await decided()).toBe(0);
      expect(await followups()).toBeGreaterThan(0);
      const { rows: left } = await h.ctx.db.query<{ payload: AfterCommit }>(
        'SELECT payload FROM followups WHERE tenant_id = $1 ORDER BY id',
        [h.tenantId],
      );

      // Another worker finds the followup once the first one's lease has run out.
      const assignment = createAssignmentHook(deps);
      await h.startWorker({ hooks: [assignment], followupLeaseMs: 300, followupSweepMs: 100 });
      await h.waitFor(async () => (await decided()) === N, 'every conversation assigned or waiting', 30_000);
      await h.waitFor(async () => (await followups()) === 0, 'the followup deleted once done');
      const after = await snapshot();
      expect(Object.values(after.assigned).filter(Boolean)).toHaveLength(12);
      expect(after.waiting).toHaveLength(N - 12);

      // Running the same work again (a worker that died after the hooks but before the delete).
      for (const r of left) await assignment.afterPersist(h.tenantId, r.payload);
      await release();
      await h.stopWorker();
      expect(await snapshot()).toEqual(after);
    }, 90_000);

    it('retries only the hook that failed, with back-off, and parks the followup after too many failures', async () => {
      const calls: string[] = [];
      let failures = 0;
      const ok: PersistHook = { name: 'ok', afterPersist: async () => void calls.push('ok') };
      const flaky: PersistHook = {
        name: 'flaky',
        async afterPersist() {
          calls.push('flaky');
          if (failures-- > 0) throw new Error('the bots queue is down');
        },
      };
      const metrics = createMetrics();
      const logged: string[] = [];
      const log = pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) });
      const followups = createFollowups({
        db: h.ctx.db,
        hooks: [ok, flaky],
        log,
        metrics,
        maxAttempts: 3,
        leaseMs: 0,
      });
      const work: AfterCommit = { newMessages: [] };
      const write = async () => {
        const f = await h.ctx.db.tx((q) =>
          recordFollowup(
            q,
            h.tenantId,
            {
              newMessages: [
                {
                  messageId: crypto.randomUUID(),
                  conversationId: crypto.randomUUID(),
                  channelId: h.channelId,
                  kind: 'text',
                  created: true,
                  reopened: false,
                },
              ],
            },
            0,
          ),
        );
        return f as Followup;
      };
      expect(await h.ctx.db.tx((q) => recordFollowup(q, h.tenantId, work))).toBeNull();

      failures = 1;
      const first = await write();
      expect(await followups.run(first)).toBe('retry');
      expect(calls).toEqual(['ok', 'flaky']);
      const row = async (id: number) =>
        (
          await h.ctx.db.query<{
            done: string[];
            attempts: number;
            due_in_ms: number;
            parked: boolean;
            last_error: string;
          }>(
            `SELECT done, attempts, last_error, parked_at IS NOT NULL AS parked,
               (extract(epoch FROM run_after - now()) * 1000)::int AS due_in_ms FROM followups WHERE id = $1`,
            [id],
          )
        ).rows[0];
      const retried = await row(first.id);
      expect(retried).toMatchObject({
        done: ['ok'],
        attempts: 1,
        parked: false,
        last_error: 'flaky: the bots queue is down',
      });
      // Not due before its back-off: a sweep leaves it alone.
      expect(retried!.due_in_ms).toBeGreaterThan(500);
      expect(await followups.sweep()).toBe(0);
      await h.ctx.db.query('UPDATE followups SET run_after = now() WHERE id = $1', [first.id]);
      calls.length = 0;
      expect(await followups.sweep()).toBe(1);
      // Only the hook that failed ran again; the row is gone once every hook succeeded.
      expect(calls).toEqual(['flaky']);
      expect(await row(first.id)).toBeUndefined();

      failures = 10;
      const second = await write();
      let f: Followup = second;
      for (let i = 1; i <= 3; i++) {
        const outcome = await followups.run(f);
        expect(outcome).toBe(i < 3 ? 'retry' : 'parked');
        const r = (await row(second.id))!;
        f = { ...f, done: r.done, attempts: r.attempts };
      }
      expect(await row(second.id)).toMatchObject({ attempts: 3, parked: true });
      await h.ctx.db.query('UPDATE followups SET run_after = now() WHERE id = $1', [second.id]);
      expect(await followups.sweep()).toBe(0);
      expect(logged.some((l) => l.includes('followup parked'))).toBe(true);
      const scraped = await metrics.registry.getSingleMetricAsString('parley_followups_total');
      expect(scraped).toContain('outcome="parked"} 1');
      expect(scraped).toContain('outcome="done"} 1');
      await h.ctx.db.query('DELETE FROM followups WHERE id = $1', [second.id]);
    });
  });
}

/** Starts a first worker that stops between commit and hooks; answers how to let it go again. */
async function interruptAfterCommit(h: IngestHarness, how: Interrupt): Promise<() => Promise<void>> {
  if (how === 'a worker frozen after commit') {
    let thaw = () => {};
    const frozen = new Promise<void>((resolve) => (thaw = resolve));
    const freeze: PersistHook = { name: 'freeze', afterPersist: () => frozen };
    // The same assignment hook after the freeze: once thawed, this worker runs the work a second time.
    const deps = { db: h.ctx.db, pubsub: h.ctx.pubsub, prefix: h.ctx.prefix, log: h.ctx.log };
    await h.startWorker({
      concurrency: 1,
      hooks: [freeze, createAssignmentHook(deps)],
      followupLeaseMs: 300,
    });
    await h.waitFor(
      async () =>
        (await h.count('SELECT count(*)::int AS n FROM followups WHERE tenant_id = $1', [h.tenantId])) > 0,
      'the first batch committed',
    );
    return async () => thaw();
  }
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', DIE_AFTER_COMMIT], {
    env: { ...process.env, ...h.env, FOLLOWUP_LEASE_MS: '300' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<string | number | null>((resolve) =>
    child.once('exit', (c, signal) => resolve(signal ?? c)),
  );
  // It died by its own SIGKILL, right after its first commit: nothing else ends it this way.
  expect(code, output).toBe('SIGKILL');
  return async () => {};
}
