import { describe, expect, it } from 'vitest';
import { settle } from './fake-transport.ts';
import { rig, started } from './harness.ts';
import { ME, ModelServer, MY_CHANNEL, OTHER_CHANNEL, TENANT } from './model-server.ts';
import { ManualFrames } from './virtual-clock.ts';

describe('mid-session transfer', () => {
  it('tells the open thread where the conversation went and drops it from lists', async () => {
    const server = new ModelServer();
    server.createConversation(OTHER_CHANNEL, ME); // visible only because it is assigned to me
    const r = await started(rig({ server }));
    const thread = r.store.thread('conv1');
    await settle();
    expect(r.store.list({ view: 'mine' }).getSnapshot()).toHaveLength(1);
    server.patchConversation('conv1', { assigneeId: 'bob', teamId: 'sales' });
    server.inbound('conv1', 'after the transfer'); // hidden from me
    r.net.deliver();
    expect(thread.getSnapshot().transferred).toEqual({ assigneeId: 'bob', teamId: 'sales' });
    expect(r.store.list({ view: 'all' }).getSnapshot()).toHaveLength(0);
    expect(r.store.conversation('conv1')).toBeUndefined();
    expect(r.store.status().cursor).toBe(server.seq);
  });

  it('fetches a conversation again when it comes back, since it missed hidden entries', async () => {
    const server = new ModelServer();
    server.createConversation(OTHER_CHANNEL, ME);
    const r = await started(rig({ server }));
    const thread = r.store.thread('conv1');
    await settle();
    server.patchConversation('conv1', { assigneeId: 'bob' });
    server.inbound('conv1', 'hidden from me');
    server.patchConversation('conv1', { labels: ['hidden-label'] });
    server.patchConversation('conv1', { assigneeId: ME });
    r.net.deliver();
    await settle();
    expect(r.store.conversation('conv1')?.labels).toEqual(['hidden-label']);
    expect(thread.getSnapshot().transferred).toBeNull();
    expect(thread.getSnapshot().items.map((i) => i.itemType === 'message' && i.message.body['body'])).toEqual(
      ['hidden from me'],
    );
  });

  it('loads a conversation it hears of but does not hold', async () => {
    const server = new ModelServer();
    server.createConversation(OTHER_CHANNEL); // not visible to me
    const r = await started(rig({ server }));
    expect(r.store.list({ view: 'all' }).getSnapshot()).toHaveLength(0);
    server.patchConversation('conv1', { assigneeId: ME });
    r.net.deliver();
    await settle();
    expect(
      r.store
        .list({ view: 'mine' })
        .getSnapshot()
        .map((c) => c.id),
    ).toEqual(['conv1']);
  });
});

describe('scoped subscriptions', () => {
  it('re-renders only the thread that changed, once per frame for a burst', async () => {
    const server = new ModelServer();
    server.createConversation(MY_CHANNEL);
    server.createConversation(MY_CHANNEL);
    const frames = new ManualFrames();
    const r = rig({ server, scheduler: frames });
    const p = r.store.start();
    r.net.connectSocket();
    await p;
    const one = r.store.thread('conv1');
    const two = r.store.thread('conv2');
    const list = r.store.list({ view: 'all' });
    await settle();
    frames.run();
    const calls = { one: 0, two: 0, list: 0 };
    one.subscribe(() => calls.one++);
    two.subscribe(() => calls.two++);
    list.subscribe(() => calls.list++);
    for (let i = 0; i < 50; i++) server.inbound('conv1', `burst ${i}`);
    r.net.deliver();
    frames.run();
    expect(calls).toEqual({ one: 1, two: 0, list: 1 });
    expect(one.getSnapshot().items).toHaveLength(50);
    expect(list.getSnapshot()[0]?.id).toBe('conv1');
  });

  it('keeps the same list array when nothing in it changed', async () => {
    const server = new ModelServer();
    server.createConversation(MY_CHANNEL);
    const r = await started(rig({ server }));
    const list = r.store.list({ view: 'unassigned' });
    const before = list.getSnapshot();
    r.store.thread('conv1');
    await settle();
    server.note('conv1', 'internal');
    r.net.deliver();
    expect(list.getSnapshot()).toBe(before);
  });
});

describe('signals and stats', () => {
  it('shows who is typing and forgets it after the TTL', async () => {
    const r = await started(rig({ server: new ModelServer() }));
    r.net.signal({ tenantId: TENANT, type: 'typing', data: { conversationId: 'conv1', agentId: 'bob' } });
    r.net.signal({ tenantId: 'other', type: 'typing', data: { conversationId: 'conv1', agentId: 'eve' } });
    expect(r.store.typingIn('conv1')).toEqual(['bob']);
    r.clock.advance(10_000);
    expect(r.store.typingIn('conv1')).toEqual([]);
  });

  it('tracks presence', async () => {
    const r = await started(rig({ server: new ModelServer() }));
    r.net.signal({ tenantId: TENANT, type: 'presence', data: { agentId: 'bob', online: true } });
    expect(r.store.isOnline('bob')).toBe(true);
  });

  it('throttles its own typing signal', async () => {
    const r = await started(rig({ server: new ModelServer() }));
    for (let i = 0; i < 5; i++) r.store.typing('conv1');
    expect(r.net.emitted.filter((e) => e.event === 'typing')).toHaveLength(1);
  });

  it('measures event latency from data.updatedAt and reports stats through onStats', async () => {
    const server = new ModelServer();
    server.createConversation(MY_CHANNEL);
    const r = await started(rig({ server }));
    r.clock.jump(Date.parse('2024-01-01T00:00:01.000Z'));
    r.net.push({
      tenantId: TENANT,
      seq: server.seq + 1,
      type: 'contact.updated',
      entityId: 'ct-conv1',
      version: server.seq + 1,
      data: { name: 'Zed', updatedAt: '2024-01-01T00:00:00.750Z' },
    });
    expect(r.store.stats().latency).toMatchObject({ count: 1, lastMs: 250 });
    expect(r.statsSeen.at(-1)?.latency.count).toBe(1);
    expect(r.store.conversation('conv1')?.contact.name).toBe('Zed');
  });
});
