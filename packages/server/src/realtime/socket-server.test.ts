import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, credentialHash, endSession } from '../auth/credentials.ts';
import { announceRevocation } from '../auth/revocation.ts';
import { settleAccess } from './access-refresh.ts';
import {
  connect,
  createTestTenant,
  messageEntry,
  type Recorded,
  silentLog,
  startTestNode,
  type TestNode,
  type TestTenant,
} from './realtime.test-support.ts';
import { conversationRoom } from './room-names.ts';
import { AUTH_REFUSED, type ParleySocket } from './socket-server.ts';

describe('realtime socket server', () => {
  let node: TestNode;
  let a: TestTenant;
  let b: TestTenant;
  const open: Recorded[] = [];
  const client = async (token: string) => {
    const c = await connect(node.url, { token });
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    node = await startTestNode();
    a = await createTestTenant(node);
    b = await createTestTenant(node);
  }, 180_000);
  afterAll(async () => {
    for (const c of open) c.close();
    await node.stop();
  });

  describe('handshake', () => {
    it('refuses a bad token with connect_error saying why', async () => {
      const err = await connect(node.url, { token: 'pat_not-a-token' }).then(
        () => null,
        (e: Error & { data?: unknown }) => e,
      );
      expect(err?.message).toBe(AUTH_REFUSED.message);
      expect(err?.data).toEqual({ code: 'unauthenticated' });
    });

    it('refuses a socket with no credentials at all', async () => {
      await expect(connect(node.url)).rejects.toThrow(/unauthenticated/);
    });

    it('accepts the session cookie of a browser', async () => {
      const { agentId } = await a.agent('agent');
      const { token } = await createSession(node.db, { id: agentId, tenantId: a.tenantId });
      const c = await connect(node.url, {}, { cookie: `parley_session=${token}` });
      open.push(c);
      expect(c.socket.connected).toBe(true);
    });

    it('joins the rooms of its principal: tenant, agent, channels; admins also "all"', async () => {
      const agent = await a.agent('agent', [a.channelId]);
      const admin = await a.agent('admin');
      const ca = await client(agent.token);
      const cb = await client(admin.token);
      const rooms = new Map(
        (await node.role.io.fetchSockets()).map((s) => [s.id, [...s.rooms].filter((r) => r !== s.id).sort()]),
      );
      expect(rooms.get(ca.socket.id!)).toEqual(
        [
          `t:${a.tenantId}:a:${agent.agentId}`,
          `t:${a.tenantId}:c:${a.channelId}`,
          `t:${a.tenantId}`,
          `t:${a.tenantId}:staff`,
        ].sort(),
      );
      expect(rooms.get(cb.socket.id!)).toEqual(
        [
          `t:${a.tenantId}:a:${admin.agentId}`,
          `t:${a.tenantId}`,
          `t:${a.tenantId}:all`,
          `t:${a.tenantId}:staff`,
        ].sort(),
      );
    });
  });

  it('disconnects the sockets of an agent as soon as it is disabled', async () => {
    const { agentId, token } = await a.agent('agent');
    const c = await client(token);
    const gone = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    await a.commit([{ type: 'agent.updated', entityId: agentId, data: { disabled: true } }]);
    expect(await gone).toBe('io server disconnect');
  });

  describe('rooms follow membership', () => {
    const roomsOf = async (socketId: string | undefined) => {
      const s = (await node.role.io.fetchSockets()).find((x) => x.id === socketId);
      return [...(s?.rooms ?? [])].filter((r) => r !== socketId).sort();
    };

    it('a logged change of channels moves every socket of the agent before the next entry is relayed', async () => {
      const { agentId, token } = await a.agent('agent', [a.channelId]);
      const tabs = [await client(token), await client(token)];
      await node.db.query('DELETE FROM channel_members WHERE agent_id = $1', [agentId]);
      await node.db.query('INSERT INTO channel_members (channel_id, agent_id) VALUES ($1, $2)', [
        a.otherChannelId,
        agentId,
      ]);
      const [, lost, gained] = await a.commit([
        {
          type: 'agent.updated',
          entityId: agentId,
          data: { channelIds: [a.otherChannelId] },
          scope: { agentId },
        },
        messageEntry({ channelId: a.channelId }, 1),
        messageEntry({ channelId: a.otherChannelId }, 2),
      ]);
      for (const tab of tabs) {
        await tab.until(() => tab.events.find((e) => e['seq'] === gained));
        expect(tab.events.find((e) => e['seq'] === lost)).toEqual({
          tenantId: a.tenantId,
          seq: lost,
          type: 'hidden',
        });
        expect(tab.events.find((e) => e['seq'] === gained)).toMatchObject({ type: 'message.created' });
        expect(await roomsOf(tab.socket.id)).toEqual(
          [
            `t:${a.tenantId}:a:${agentId}`,
            `t:${a.tenantId}:c:${a.otherChannelId}`,
            `t:${a.tenantId}`,
            `t:${a.tenantId}:staff`,
          ].sort(),
        );
      }
    });

    it('a socket whose agent changed between its handshake and its joins takes the rooms of its sight now', async () => {
      const { agentId, token } = await a.agent('agent', [a.channelId]);
      const tab = await client(token);
      const serverSide = () => node.role.io.of('/').sockets.get(tab.socket.id ?? '') as ParleySocket;
      // Nothing changed since the handshake: the check leaves the rooms as they are.
      expect(await settleAccess(node.db, serverSide())).toBe(false);
      // The race: the change commits (the version moves) and is relayed before this socket sat in
      // its agent's room, so the relay did not move it. Here the change is written without a log
      // entry, so no relay moves it either; only the check can.
      await node.db.query('DELETE FROM channel_members WHERE agent_id = $1', [agentId]);
      await node.db.query('INSERT INTO channel_members (channel_id, agent_id) VALUES ($1, $2)', [
        a.otherChannelId,
        agentId,
      ]);
      await node.db.query('UPDATE agents SET version = version + 1 WHERE id = $1', [agentId]);
      expect(await roomsOf(tab.socket.id)).toContain(`t:${a.tenantId}:c:${a.channelId}`);
      expect(await settleAccess(node.db, serverSide())).toBe(true);
      expect(await roomsOf(tab.socket.id)).toEqual(
        [
          `t:${a.tenantId}:a:${agentId}`,
          `t:${a.tenantId}:c:${a.otherChannelId}`,
          `t:${a.tenantId}`,
          `t:${a.tenantId}:staff`,
        ].sort(),
      );
    });

    it('a role made admin joins the tenant-wide room; made agent again, leaves it', async () => {
      const { agentId, token } = await a.agent('agent');
      const tab = await client(token);
      const promote = async (role: string) => {
        await node.db.query('UPDATE agents SET role = $2 WHERE id = $1', [agentId, role]);
        // The rooms move before the next entry goes out: that entry is the fence.
        const [, fence] = await a.commit([
          { type: 'agent.updated', entityId: agentId, data: { role } },
          messageEntry({}),
        ]);
        await tab.until(() => tab.events.find((e) => e['seq'] === fence));
      };
      await promote('admin');
      expect(await roomsOf(tab.socket.id)).toContain(`t:${a.tenantId}:all`);
      const [hiddenBefore] = await a.commit([messageEntry({ channelId: a.otherChannelId })]);
      await tab.until(() =>
        tab.events.find((e) => e['seq'] === hiddenBefore && e['type'] === 'message.created'),
      );
      await promote('agent');
      expect(await roomsOf(tab.socket.id)).not.toContain(`t:${a.tenantId}:all`);
    });

    it('leaves the typing room of a conversation the agent no longer sees', async () => {
      const { agentId, token } = await a.agent('agent', [a.channelId]);
      const tab = await client(token);
      const conversationId = await a.conversation(a.channelId);
      expect(await tab.emitAck('subscribe', { conversationId })).toEqual({ ok: true });
      await node.db.query('DELETE FROM channel_members WHERE agent_id = $1', [agentId]);
      const [, fence] = await a.commit([
        { type: 'agent.updated', entityId: agentId, data: { channelIds: [] }, scope: { agentId } },
        messageEntry({}),
      ]);
      await tab.until(() => tab.events.find((e) => e['seq'] === fence));
      expect(await node.role.io.in(conversationRoom(a.tenantId, conversationId)).fetchSockets()).toHaveLength(
        0,
      );
    });
  });

  describe('sockets live as long as their credentials', () => {
    const sessionSocket = async (url: string) => {
      const { agentId } = await a.agent('agent');
      const session = await createSession(node.db, { id: agentId, tenantId: a.tenantId });
      const c = await connect(url, {}, { cookie: `parley_session=${session.token}` });
      open.push(c);
      const gone = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
      return { agentId, session, c, gone };
    };

    it('an announced revocation closes the sockets of the ended session at once, not the others', async () => {
      const { agentId, session, gone } = await sessionSocket(node.url);
      const other = await createSession(node.db, { id: agentId, tenantId: a.tenantId });
      const stays = await connect(node.url, {}, { cookie: `parley_session=${other.token}` });
      open.push(stays);
      await endSession(node.db, session.token);
      await announceRevocation(node.pubsub, node.prefix, { tenantId: a.tenantId, agentId }, silentLog);
      expect(await gone).toBe('io server disconnect');
      expect(stays.socket.connected).toBe(true);
    });

    it('an announced revocation closes the sockets opened with a revoked token', async () => {
      const { agentId, token } = await a.agent('agent');
      const c = await client(token);
      const gone = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
      await node.db.query('UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1', [
        credentialHash(token),
      ]);
      await announceRevocation(node.pubsub, node.prefix, { tenantId: a.tenantId, agentId }, silentLog);
      expect(await gone).toBe('io server disconnect');
    });

    it('the periodic check closes a socket whose session expired, with nothing announced', async () => {
      // A second node on the same database whose check runs often; the first one's waits a minute.
      const checking = await startTestNode({ db: node.db, pubsub: node.pubsub, credentialCheckMs: 200 });
      try {
        const { agentId, gone } = await sessionSocket(checking.url);
        await node.db.query(
          "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE agent_id = $1",
          [agentId],
        );
        expect(await gone).toBe('io server disconnect');
      } finally {
        await checking.stop();
      }
    });
  });

  describe('log entries', () => {
    it('never reach another tenant', async () => {
      const adminB = await client((await b.agent('owner')).token);
      const agentA = await client((await a.agent('agent')).token); // A's presence signal goes out
      await agentA.emitAck('subscribe', { conversationId: await a.conversation(a.channelId) });
      await a.commit([messageEntry({}), messageEntry({ channelId: a.channelId })]);
      // A fence: B's own entry arrives after anything misrouted from A would have.
      const [fence] = await b.commit([messageEntry({})]);
      await adminB.until(() => adminB.events.find((e) => e['seq'] === fence));
      expect(adminB.events.every((e) => e['tenantId'] === b.tenantId)).toBe(true);
      // Nor do A's signals (presence of A's agents connecting above).
      expect(adminB.signals.every((x) => x['tenantId'] === b.tenantId)).toBe(true);
    });

    it('reach an agent who may not see them as { tenantId, seq, type: "hidden" } only', async () => {
      const agent = await client((await a.agent('agent', [a.channelId])).token);
      const admin = await client((await a.agent('admin')).token);
      const [other, mine] = await a.commit([
        messageEntry({ channelId: a.otherChannelId }, 1),
        messageEntry({ channelId: a.channelId }, 2),
      ]);
      await agent.until(() => agent.events.find((e) => e['seq'] === mine));
      expect(agent.events.find((e) => e['seq'] === other)).toEqual({
        tenantId: a.tenantId,
        seq: other,
        type: 'hidden',
      });
      expect(agent.events.find((e) => e['seq'] === mine)).toMatchObject({
        type: 'message.created',
        data: { n: 2 },
      });
      await admin.until(() => admin.events.find((e) => e['seq'] === mine));
      expect(admin.events.find((e) => e['seq'] === other)).toMatchObject({
        type: 'message.created',
        data: { n: 1 },
      });
    });

    it('carry their event_log.committed_at as data.updatedAt, the same time /api/v1/sync gives', async () => {
      const admin = await client((await a.agent('admin')).token);
      const [seq] = await a.commit([messageEntry({}, 3)]);
      const got = await admin.until(() => admin.events.find((e) => e['seq'] === seq));
      const { rows } = await node.db.query<{ committed_at: Date }>(
        'SELECT committed_at FROM event_log WHERE tenant_id = $1 AND seq = $2',
        [a.tenantId, seq],
      );
      expect(got['data']).toEqual({ n: 3, updatedAt: rows[0]!.committed_at.toISOString() });
    });

    it('reach an agent through its assignment even outside its channels', async () => {
      const { agentId, token } = await a.agent('agent');
      const agent = await client(token);
      const [seq] = await a.commit([messageEntry({ channelId: a.otherChannelId, agentId })]);
      const got = await agent.until(() => agent.events.find((e) => e['seq'] === seq));
      expect(got['type']).toBe('message.created');
    });
  });

  describe('conversation rooms and typing', () => {
    it('lets an agent subscribe to a conversation it may see, and refuses one it may not', async () => {
      const agent = await client((await a.agent('agent', [a.channelId])).token);
      const visible = await a.conversation(a.channelId);
      const hidden = await a.conversation(a.otherChannelId);
      const foreign = await b.conversation(b.channelId);
      expect(await agent.emitAck('subscribe', { conversationId: visible })).toEqual({ ok: true });
      for (const conversationId of [hidden, foreign]) {
        expect(await agent.emitAck('subscribe', { conversationId })).toEqual({
          ok: false,
          error: { code: 'not_found', message: 'No conversation with this id is visible to you' },
        });
      }
      expect(await agent.emitAck('subscribe', { conversationId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
      const [s] = await node.role.io.in(conversationRoom(a.tenantId, visible)).fetchSockets();
      expect(s?.id).toBe(agent.socket.id);
      expect(await node.role.io.in(conversationRoom(a.tenantId, hidden)).fetchSockets()).toHaveLength(0);
      expect(await agent.emitAck('unsubscribe', { conversationId: visible })).toEqual({ ok: true });
      expect(await node.role.io.in(conversationRoom(a.tenantId, visible)).fetchSockets()).toHaveLength(0);
    });

    it('sends typing to the other subscribers only, at most once per 2 s per socket', async () => {
      const conversationId = await a.conversation(a.channelId);
      const one = await a.agent('agent', [a.channelId]);
      const typist = await client(one.token);
      const peer = await client((await a.agent('agent', [a.channelId])).token);
      const bystander = await client((await a.agent('admin')).token);
      for (const c of [typist, peer]) await c.emitAck('subscribe', { conversationId });

      expect(await typist.emitAck('typing', { conversationId })).toEqual({ ok: true });
      const got = await peer.until(() => peer.signals.find((s) => s['type'] === 'typing'));
      expect(got).toMatchObject({
        tenantId: a.tenantId,
        type: 'typing',
        data: { conversationId, agentId: one.agentId },
      });
      expect(typeof (got['data'] as Record<string, unknown>)['at']).toBe('string');
      expect(await typist.emitAck('typing', { conversationId })).toEqual({ ok: true, throttled: true });

      const [fence] = await a.commit([messageEntry({})]);
      for (const c of [peer, bystander, typist])
        await c.until(() => c.events.find((e) => e['seq'] === fence));
      expect(peer.signals.filter((s) => s['type'] === 'typing')).toHaveLength(1);
      expect(typist.signals.filter((s) => s['type'] === 'typing')).toHaveLength(0);
      expect(bystander.signals.filter((s) => s['type'] === 'typing')).toHaveLength(0);
    });

    it('refuses typing in a conversation the socket has not subscribed to', async () => {
      const agent = await client((await a.agent('agent', [a.channelId])).token);
      const conversationId = await a.conversation(a.channelId);
      expect(await agent.emitAck('typing', { conversationId })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    });

    it('takes a socket out of the room when a logged change takes the conversation from its sight', async () => {
      const { agentId, token } = await a.agent('agent');
      const agent = await client(token);
      const conversationId = await a.conversation(a.otherChannelId, agentId);
      expect(await agent.emitAck('subscribe', { conversationId })).toEqual({ ok: true });
      const [seq] = await a.commit([
        {
          type: 'conversation.updated',
          entityId: conversationId,
          data: { assigneeId: null },
          scope: { channelId: a.otherChannelId, agentId: null, teamId: null, extraAgentId: agentId },
        },
      ]);
      await agent.until(() => agent.events.find((e) => e['seq'] === seq));
      expect(await node.role.io.in(conversationRoom(a.tenantId, conversationId)).fetchSockets()).toHaveLength(
        0,
      );
    });
  });
});
