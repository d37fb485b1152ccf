// Macros through the API on the embedded default: made by an admin, run by an agent, each step
// the route an agent would call, a failing step reported with the steps after it not run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTenantFixture, type TenantFixture } from '../test-support/inbox-fixture.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

let server: TestServer;
let A: TenantFixture;
let B: TenantFixture;

beforeAll(async () => {
  server = await startTestServer();
  A = await createTenantFixture(server.ctx, 'MA');
  B = await createTenantFixture(server.ctx, 'MB');
});
afterAll(async () => {
  await server?.stop();
});

type Run = {
  ok: boolean;
  runId: string;
  steps: { type: string; outcome: string; status: number | null; message: string | null }[];
};

describe('macros', () => {
  it('runs a shared macro as the agent who clicks it: assign, label, note, status', async () => {
    const owner = apiClient(server.baseUrl, A.owner.token);
    const made = await owner('POST', '/api/v1/macros', {
      name: 'Take and tag',
      shared: true,
      actions: [
        { type: 'assign', agentId: A.agent.id },
        { type: 'addLabels', labels: ['VIP'] },
        { type: 'addNote', body: 'Called {{contact.name}} back' },
        { type: 'setStatus', status: 'pending' },
      ],
    });
    expect(made.status, made.text).toBe(201);
    const macroId = (made.body as { id: string }).id;
    const agent = apiClient(server.baseUrl, A.agent.token);
    expect(
      ((await agent('GET', '/api/v1/macros')).body as { macros: { id: string }[] }).macros.map((m) => m.id),
    ).toContain(macroId);
    const run = await agent('POST', `/api/v1/conversations/${A.conversationId}/macros/${macroId}/run`, {});
    expect(run.status, run.text).toBe(200);
    const body = run.body as Run;
    expect(body.steps, run.text).toEqual(body.steps.map((s) => ({ ...s, outcome: 'done' })));
    expect(body.ok).toBe(true);
    expect(body.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done', 'done']);
    const { rows } = await server.ctx.db.query<{ assignee_id: string; labels: string[]; status: string }>(
      'SELECT assignee_id, labels, status FROM conversations WHERE id = $1',
      [A.conversationId],
    );
    expect(rows[0]).toMatchObject({ assignee_id: A.agent.id, status: 'pending' });
    expect(rows[0]!.labels).toContain('vip');
    const note = await server.ctx.db.query<{ body: string; author_id: string }>(
      "SELECT body, author_id FROM notes WHERE conversation_id = $1 AND body LIKE 'Called %'",
      [A.conversationId],
    );
    expect(note.rows).toEqual([{ body: `Called Customer ${A.marker} back`, author_id: A.agent.id }]);
    // A second run changes what is left to change: the label is already there.
    const again = (await agent('POST', `/api/v1/conversations/${A.conversationId}/macros/${macroId}/run`, {}))
      .body as Run;
    expect(again.steps[1]!.outcome).toBe('unchanged');
    const audit = await server.ctx.db.query('SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = $2', [
      A.tenantId,
      'macro.run',
    ]);
    expect(audit.rows.length).toBe(2);
  });

  it('stops at a failing step, says why, and a retried run sends its message once', async () => {
    const agent = apiClient(server.baseUrl, A.agent.token);
    const made = await agent('POST', '/api/v1/macros', {
      name: 'Greet',
      actions: [
        { type: 'sendText', body: 'Olá {{contact.name}}!' },
        { type: 'addLabels', labels: ['greeted'] },
      ],
    });
    expect(made.status, made.text).toBe(201);
    const macroId = (made.body as { id: string }).id;
    await server.ctx.db.query(
      "UPDATE conversations SET last_inbound_at = now() - interval '2 days' WHERE id = $1",
      [A.conversationId],
    );
    const closed = (
      await agent('POST', `/api/v1/conversations/${A.conversationId}/macros/${macroId}/run`, {})
    ).body as Run;
    expect(closed.ok).toBe(false);
    expect(closed.steps.map((s) => s.outcome)).toEqual(['failed', 'not run']);
    expect(closed.steps[0]!.status).toBe(422);
    expect(closed.steps[0]!.message).toMatch(/window|template/i);

    await server.ctx.db.query('UPDATE conversations SET last_inbound_at = now() WHERE id = $1', [
      A.conversationId,
    ]);
    const runId = 'retry-run-0001';
    for (let i = 0; i < 2; i++) {
      const r = (
        await agent('POST', `/api/v1/conversations/${A.conversationId}/macros/${macroId}/run`, { runId })
      ).body as Run;
      expect(r.steps[0]!.outcome).toBe('done');
    }
    const sent = await server.ctx.db.query<{ body: { body: string } }>(
      "SELECT body FROM messages WHERE conversation_id = $1 AND direction = 'out' AND client_id LIKE 'macro-retry-run-0001-%'",
      [A.conversationId],
    );
    expect(sent.rows).toHaveLength(1);
    expect(JSON.stringify(sent.rows[0]!.body)).toContain(`Olá Customer ${A.marker}!`);
  });

  it('keeps personal macros personal, sharing to admins, and ids inside the tenant', async () => {
    const agent = apiClient(server.baseUrl, A.agent.token);
    const loner = apiClient(server.baseUrl, A.loner.token);
    const mine = (
      (
        await agent('POST', '/api/v1/macros', {
          name: 'Mine',
          actions: [{ type: 'setStatus', status: 'open' }],
        })
      ).body as {
        id: string;
      }
    ).id;
    expect(
      ((await loner('GET', '/api/v1/macros')).body as { macros: { id: string }[] }).macros.map((m) => m.id),
    ).not.toContain(mine);
    expect(
      (
        await loner('PUT', `/api/v1/macros/${mine}`, {
          name: 'x',
          actions: [{ type: 'setStatus', status: 'open' }],
        })
      ).status,
    ).toBe(404);
    const shared = await agent('POST', '/api/v1/macros', {
      name: 'For all',
      shared: true,
      actions: [{ type: 'setStatus', status: 'open' }],
    });
    expect(shared.status).toBe(403);
    const foreign = await apiClient(server.baseUrl, A.owner.token)('POST', '/api/v1/macros', {
      name: 'To B',
      actions: [{ type: 'assign', agentId: B.agent.id }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('actions.agentId: no active agent of your tenant');
    // Another tenant's macro on one's own conversation: 404, and nothing changes.
    const other = await agent(
      'POST',
      `/api/v1/conversations/${A.conversationId}/macros/${B.macroId}/run`,
      {},
    );
    expect(other.status).toBe(404);
    // A conversation outside the runner's sight: 404 before any step runs.
    const hidden = await agent(
      'POST',
      `/api/v1/conversations/${A.hiddenConversationId}/macros/${A.macroId}/run`,
      {},
    );
    expect(hidden.status).toBe(404);
    const labels = await server.ctx.db.query<{ labels: string[] }>(
      'SELECT labels FROM conversations WHERE id = $1',
      [A.hiddenConversationId],
    );
    expect(labels.rows[0]!.labels).not.toContain('followup');
  });
});
