import { describe, expect, it } from 'vitest';
import type { SyncEntry } from '../src/protocol.ts';
import { settle } from './fake-transport.ts';
import { type Rig, rig, started } from './harness.ts';
import { ME, ModelServer, MY_CHANNEL, OTHER_CHANNEL } from './model-server.ts';

// conv1 in the agent's channel; conv2 in another channel, in team "sales" (hidden from the agent).
function twoChannels(): ModelServer {
  const s = new ModelServer();
  s.createConversation(MY_CHANNEL);
  const other = s.createConversation(OTHER_CHANNEL);
  s.patchConversation(other, { teamId: 'sales' });
  return s;
}

const ids = (r: Rig, view: 'all' | 'team' = 'all') =>
  r.store
    .list({ view })
    .getSnapshot()
    .map((c) => c.id)
    .sort();
const listFetches = (r: Rig) =>
  r.net.requests.filter((q) => q.method === 'GET' && q.path.startsWith('/api/v1/conversations?')).length;

describe('the agent’s sight changes (agent.updated with role, teamIds or channelIds)', () => {
  it('re-snapshots when its own teams change, and shows what the new team sees', async () => {
    const r = await started(rig({ server: twoChannels() }));
    const team = r.store.list({ view: 'team' });
    expect(ids(r)).toEqual(['conv1']);
    r.server.changeMySight({ teamIds: ['sales'] });
    r.net.deliver();
    await r.store.whenIdle();
    expect(r.store.stats().snapshots).toBe(2);
    expect(ids(r)).toEqual(['conv1', 'conv2']);
    // The team view filters by the teams the log reported, not those given at start.
    expect(team.getSnapshot().map((c) => c.id)).toEqual(['conv2']);
    expect(r.store.status().cursor).toBe(r.server.seq);
    // Later entries about it arrive as plain patches (no visibleToYou) and apply.
    r.server.inbound('conv2', 'now yours too');
    r.net.deliver();
    expect(r.store.conversation('conv2')?.lastMessagePreview).toBe('now yours too');
  });

  it('takes its teams from the re-snapshot when the snapshot skips the entry that changed them', async () => {
    const r = await started(rig({ server: twoChannels() }));
    const team = r.store.list({ view: 'team' });
    r.server.patchConversation('conv1', { teamId: 'sales' });
    r.server.changeMySight({ teamIds: ['sales'] });
    r.server.changeMySight({ teamIds: [] }); // reflected by the snapshot the first one triggers
    r.net.deliver();
    await r.store.whenIdle();
    expect(r.store.stats().snapshots).toBe(2);
    expect(ids(r)).toEqual(['conv1']);
    expect(team.getSnapshot()).toEqual([]);
  });

  it('drops what a lost channel took away, open thread included', async () => {
    const r = await started(rig({ server: twoChannels() }));
    const thread = r.store.thread('conv1');
    await r.store.whenIdle();
    r.server.changeMySight({ channelIds: [OTHER_CHANNEL] });
    r.net.deliver();
    await r.store.whenIdle();
    expect(ids(r)).toEqual(['conv2']);
    expect(r.store.conversation('conv1')).toBeUndefined();
    expect(thread.getSnapshot().error).toMatchObject({ code: 'not_found' });
  });

  it('re-snapshots on a role change learnt by a pull, not only from the socket', async () => {
    const r = await started(rig({ server: twoChannels() }));
    r.net.disconnectSocket();
    r.server.changeMySight({ role: 'admin', channelIds: [MY_CHANNEL, OTHER_CHANNEL] });
    await r.store.reconcile();
    await r.store.whenIdle();
    expect(r.store.stats().snapshots).toBe(2);
    expect(ids(r)).toEqual(['conv1', 'conv2']);
  });

  it('does not re-snapshot for another agent’s sight or for its own name or availability', async () => {
    const r = await started(rig({ server: twoChannels() }));
    const before = listFetches(r);
    r.server.agentUpdated('bob', { teamIds: ['sales'], role: 'admin' });
    r.server.agentUpdated('bob', { channelIds: [MY_CHANNEL] });
    r.server.agentUpdated(ME, { name: 'Me Renamed' });
    r.server.agentUpdated(ME, { availability: 'away' });
    r.net.deliver();
    await r.store.whenIdle();
    expect(r.store.stats().snapshots).toBe(1);
    expect(listFetches(r)).toBe(before);
    expect(r.store.status().cursor).toBe(r.server.seq);
  });

  it('re-snapshots once for an entry delivered again, by the socket or by a pull', async () => {
    const r = await started(rig({ server: twoChannels() }));
    r.server.changeMySight({ teamIds: ['sales'] });
    const [entry] = r.net.inbox as [SyncEntry];
    r.net.deliver();
    await r.store.whenIdle();
    r.net.push(structuredClone(entry));
    r.net.disconnectSocket();
    r.net.connectSocket(); // the reconnect pull cannot bring it either: it is behind the cursor
    r.net.push(structuredClone(entry));
    await r.store.whenIdle();
    expect(r.store.stats().snapshots).toBe(2);
    expect(r.store.stats().duplicatesDropped).toBe(2);
  });

  it('does not re-snapshot again when a snapshot rebases below the entry and it is replayed', async () => {
    const r = await started(rig({ server: twoChannels() }));
    r.server.changeMySight({ teamIds: ['sales'] });
    const seq = r.server.seq;
    // A snapshot answering a cursor before the change: the gate lets the entry through again.
    const page = r.server.handle('GET', '/api/v1/conversations?view=all&limit=50', undefined);
    const body = page.body as { cursor: number };
    r.net.overrides.push({
      method: 'GET',
      prefix: '/api/v1/conversations?',
      res: { status: 200, body: { ...body, cursor: seq - 1 } },
      times: 1,
    });
    r.net.deliver();
    await r.store.whenIdle();
    r.server.inbound('conv2', 'after'); // the hole before it makes the store pull seq again
    r.net.deliver();
    r.clock.advance(1_000);
    await r.store.whenIdle();
    expect(r.store.stats().snapshots).toBe(2);
    expect(r.store.status().cursor).toBe(r.server.seq);
    expect(r.store.conversation('conv2')?.lastMessagePreview).toBe('after');
  });

  it('takes another snapshot when a second change lands while one is loading', async () => {
    const r = await started(rig({ server: twoChannels() }));
    r.server.changeMySight({ channelIds: [MY_CHANNEL, OTHER_CHANNEL] });
    r.net.holdHttp = true;
    r.net.deliver(); // the re-snapshot's requests are held
    await settle();
    r.server.changeMySight({ channelIds: [OTHER_CHANNEL] }); // read after that snapshot's rows
    r.net.holdHttp = false;
    r.net.releaseHttp();
    r.net.deliver();
    await r.store.whenIdle();
    expect(r.store.stats().snapshots).toBe(3);
    expect(ids(r)).toEqual(['conv2']);
    expect(r.store.status().cursor).toBe(r.server.seq);
  });

  it('loads a thread and a list opened while the re-snapshot was loading', async () => {
    const r = await started(rig({ server: twoChannels() }));
    r.server.changeMySight({ channelIds: [MY_CHANNEL, OTHER_CHANNEL] });
    r.net.holdHttp = true;
    r.net.deliver();
    await settle();
    const thread = r.store.thread('conv2');
    const mine = r.store.list({ view: 'mine' });
    r.server.patchConversation('conv2', { assigneeId: ME });
    r.net.holdHttp = false;
    r.net.releaseHttp();
    r.net.deliver();
    await r.store.whenIdle();
    expect(thread.getSnapshot().status).toBe('ready');
    expect(mine.getSnapshot().map((c) => c.id)).toEqual(['conv2']);
  });

  it('keeps pending and failed sends through the re-snapshot, and delivers each once', async () => {
    const r = await started(rig({ server: twoChannels() }));
    const thread = r.store.thread('conv1');
    await r.store.whenIdle();
    r.net.overrides.push({
      method: 'POST',
      prefix: '/api/v1/conversations/conv1/messages',
      res: { status: 422, body: { error: { code: 'window_closed', message: 'Closed.' } } },
      times: 1,
    });
    const failed = r.store.send('conv1', 'refused');
    await r.store.whenIdle();
    r.net.online = false;
    const pending = r.store.send('conv1', 'offline reply');
    await settle();
    r.net.online = true;
    r.server.changeMySight({ teamIds: ['sales'] });
    r.net.holdHttp = true; // the send's POST waits behind the re-snapshot
    r.net.deliver();
    await settle();
    expect(r.store.outbox().map((i) => [i.clientId, i.state])).toEqual([
      [failed, 'failed'],
      [pending, 'queued'],
    ]);
    r.net.holdHttp = false;
    r.net.releaseHttp();
    await r.store.whenIdle();
    r.wake(); // a catch-up: it flushes the outbox
    await r.store.whenIdle();
    r.net.deliver();
    await r.store.whenIdle();
    expect(r.store.stats().snapshots).toBe(2);
    const items = thread.getSnapshot().items;
    expect(
      items.map((i) => [i.key, i.itemType === 'message' ? (i.optimistic?.state ?? 'server') : 'note']),
    ).toEqual([
      [`c:${failed}`, 'failed'],
      [`c:${pending}`, 'server'],
    ]);
    expect([...r.server.messages.values()].filter((m) => m.clientId === pending)).toHaveLength(1);
    expect(r.store.outbox().map((i) => i.clientId)).toEqual([failed]);
  });
});
