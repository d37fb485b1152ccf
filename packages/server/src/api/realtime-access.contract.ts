// Open sockets follow what the REST API changes about their caller: a logout or a revoked token
// closes the sockets opened with it, and a change of channel membership moves the rooms of the
// agents it concerns at once (realtime/credential-check.ts, realtime/access-refresh.ts). Run with
// the inbox operations suite on every mode: in scale mode the socket may sit on any node.
import { REALTIME_PATH, SOCKET_EVENT, type SyncEntry } from '@parley/sync';
import { io as connect, type Socket } from 'socket.io-client';
import { expect, it } from 'vitest';
import type { TestServer } from '../test-support/test-server.ts';
import { apiKit, body } from './api-test-kit.ts';

interface Live {
  socket: Socket;
  events: SyncEntry[];
  /** Resolves with the disconnect reason. */
  closed: Promise<string>;
}

const openSocket = (baseUrl: string, auth: { token: string } | { cookie: string }): Promise<Live> => {
  const socket = connect(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...('token' in auth ? { auth } : { extraHeaders: { cookie: auth.cookie } }),
  });
  const events: SyncEntry[] = [];
  socket.on(SOCKET_EVENT, (e: SyncEntry) => events.push(e));
  const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, events, closed }));
    socket.once('connect_error', reject);
  });
};

async function login(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    logout: () =>
      fetch(`${baseUrl}/api/v1/auth/logout`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
      }),
  };
}

export function realtimeAccessContract(getServer: () => TestServer): void {
  const { as, cursorOf, syncAfter, fresh } = apiKit(getServer);
  const open: Live[] = [];
  const live = async (auth: { token: string } | { cookie: string }) => {
    const l = await openSocket(getServer().baseUrl, auth);
    open.push(l);
    return l;
  };
  const closeAll = () => {
    for (const l of open.splice(0)) l.socket.close();
  };

  it('logging out closes the sockets of that session, and only those', async () => {
    const t = await fresh();
    const { baseUrl } = getServer();
    const one = await login(baseUrl, t.loner.email, t.loner.password);
    const two = await login(baseUrl, t.loner.email, t.loner.password);
    try {
      const first = await live({ cookie: one.cookie });
      const second = await live({ cookie: two.cookie });
      expect((await one.logout()).status).toBe(204);
      expect(await first.closed).toBe('io server disconnect');
      // The other session's socket still hears the tenant: an unscoped entry reaches it.
      const renamed = await body<{ id: string }>(as(t.owner.token), 'PATCH', `/api/v1/agents/${t.owner.id}`, {
        name: 'Still here',
      });
      await expect
        .poll(() => second.events.find((e) => 'entityId' in e && e.entityId === renamed.id), {
          timeout: 10_000,
        })
        .toBeDefined();
      expect(second.socket.connected).toBe(true);
    } finally {
      closeAll();
    }
  });

  it('revoking a token closes the sockets opened with it', async () => {
    const t = await fresh();
    const owner = as(t.owner.token);
    const { token, secret } = await body<{ token: { id: string }; secret: string }>(
      owner,
      'POST',
      '/api/v1/tokens',
      { kind: 'integration', name: 'feed', role: 'admin' },
    );
    try {
      const feed = await live({ token: secret });
      expect((await owner('DELETE', `/api/v1/tokens/${token.id}`)).status).toBe(204);
      expect(await feed.closed).toBe('io server disconnect');
    } finally {
      closeAll();
    }
  });

  it('a change of channel members is logged for the agents who gain or lose it, and their sockets follow at once', async () => {
    const t = await fresh();
    const owner = as(t.owner.token);
    try {
      const loner = await live({ token: t.loner.token });
      const agent = await live({ token: t.agent.token });
      const start = await cursorOf(owner);
      // The channel's team (and so t.agent) is replaced by the loner alone.
      await body(owner, 'PUT', `/api/v1/channels/${t.channelId}/members`, { agentIds: [t.loner.id] });
      const logged = await syncAfter(owner, start);
      expect(logged).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'agent.updated',
            entityId: t.loner.id,
            data: expect.objectContaining({ channelIds: [t.channelId] }),
          }),
          expect.objectContaining({
            type: 'agent.updated',
            entityId: t.agent.id,
            data: expect.objectContaining({ channelIds: [] }),
          }),
        ]),
      );
      expect(logged).toHaveLength(2);
      // The very next entry on the channel already goes by the new rooms.
      const { note } = await body<{ note: { id: string } }>(
        owner,
        'POST',
        `/api/v1/conversations/${t.conversationId}/notes`,
        { body: 'after the change' },
      );
      const seqOf = (l: Live) => l.events.find((e) => 'entityId' in e && e.entityId === note.id)?.seq;
      await expect.poll(() => seqOf(loner), { timeout: 10_000 }).toBeDefined();
      const seq = seqOf(loner);
      await expect
        .poll(() => agent.events.find((e) => e.seq === seq), { timeout: 10_000 })
        .toEqual({ tenantId: t.tenantId, seq, type: 'hidden' });
    } finally {
      closeAll();
    }
  });
}
