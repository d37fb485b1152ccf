import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  createTestTenant,
  type Recorded,
  sleep,
  startTestNode,
  type TestNode,
  type TestTenant,
} from './realtime.test-support.ts';

// Long enough for a reconnect handshake on a busy machine (the "does not flap" case).
const GRACE_MS = 1500;

describe('presence', () => {
  let node: TestNode;
  let t: TestTenant;
  let observer: Recorded;
  const open: Recorded[] = [];

  const presenceOf = (r: Recorded, agentId: string) =>
    r.signals
      .filter(
        (s) => s['type'] === 'presence' && (s['data'] as Record<string, unknown>)['agentId'] === agentId,
      )
      .map((s) => (s['data'] as Record<string, unknown>)['status']);
  const tab = async (token: string) => {
    const c = await connect(node.url, { token });
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    node = await startTestNode({ env: { PARLEY_PRESENCE_GRACE_MS: String(GRACE_MS) } });
    t = await createTestTenant(node);
    observer = await tab((await t.agent('owner')).token);
  }, 180_000);
  afterAll(async () => {
    for (const c of open) c.close();
    await node.stop();
  });

  it('announces an agent online when its first tab connects, with the signal shape of the contract', async () => {
    const { agentId, token } = await t.agent('agent');
    await tab(token);
    await observer.until(() => (presenceOf(observer, agentId).length > 0 ? true : undefined));
    expect(observer.signals.find((s) => s['type'] === 'presence')).toEqual({
      tenantId: t.tenantId,
      type: 'presence',
      data: expect.objectContaining({ status: 'online', online: true }),
    });
    expect((await node.role.presence.presenceOf(t.tenantId)).get(agentId)).toBe('online');
  });

  it('counts tabs: closing one of two keeps the agent online; closing the last goes offline after the grace', async () => {
    const { agentId, token } = await t.agent('agent');
    const one = await tab(token);
    const two = await tab(token);
    await observer.until(() => (presenceOf(observer, agentId).includes('online') ? true : undefined));
    one.close();
    await sleep(GRACE_MS * 2);
    expect(presenceOf(observer, agentId)).not.toContain('offline');
    expect((await node.role.presence.presenceOf(t.tenantId)).get(agentId)).toBe('online');
    two.close();
    // Still shown during the grace period (a reload, a network blip)...
    expect((await node.role.presence.presenceOf(t.tenantId)).get(agentId)).toBe('online');
    await observer.until(() => (presenceOf(observer, agentId).includes('offline') ? true : undefined));
    expect((await node.role.presence.presenceOf(t.tenantId)).get(agentId)).toBe('offline');
  });

  it('does not flap offline when the agent comes back within the grace period', async () => {
    const { agentId, token } = await t.agent('agent');
    const first = await tab(token);
    await observer.until(() => (presenceOf(observer, agentId).includes('online') ? true : undefined));
    first.close();
    await tab(token);
    await sleep(GRACE_MS * 2);
    expect(presenceOf(observer, agentId)).toEqual(['online']);
  });

  it('tells a new socket who is online now', async () => {
    const { agentId, token } = await t.agent('agent');
    await tab(token);
    await observer.until(() => (presenceOf(observer, agentId).includes('online') ? true : undefined));
    const late = await tab((await t.agent('agent')).token);
    await late.until(() => (presenceOf(late, agentId).includes('online') ? true : undefined));
  });

  it('shows the chosen availability (a logged agent.updated) while connected', async () => {
    const { agentId, token } = await t.agent('agent');
    await tab(token);
    await observer.until(() => (presenceOf(observer, agentId).includes('online') ? true : undefined));
    await node.db.query('UPDATE agents SET availability = $2 WHERE id = $1', [agentId, 'away']);
    await t.commit([{ type: 'agent.updated', entityId: agentId, data: { availability: 'away' } }]);
    await observer.until(() => (presenceOf(observer, agentId).includes('away') ? true : undefined));
    expect((await node.role.presence.presenceOf(t.tenantId)).get(agentId)).toBe('away');
  });

  it('reports agents with no socket as offline', async () => {
    const { agentId } = await t.agent('agent');
    expect((await node.role.presence.presenceOf(t.tenantId)).get(agentId)).toBe('offline');
  });
});
