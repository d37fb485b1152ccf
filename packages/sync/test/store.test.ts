import { describe, expect, it } from 'vitest';
import { settle } from './fake-transport.ts';
import { rig, started } from './harness.ts';
import { ME, ModelServer, MY_CHANNEL, OTHER_CHANNEL, TENANT } from './model-server.ts';

function serverWith(n: number): ModelServer {
  const s = new ModelServer();
  for (let i = 0; i < n; i++) s.createConversation(MY_CHANNEL);
  return s;
}

describe('initial load and live events', () => {
  it('loads the list from a snapshot and takes its cursor', async () => {
    const r = await started(rig({ server: serverWith(3) }));
    r.server.inbound('conv2', 'hello');
    r.net.deliver();
    const rows = r.store.list({ view: 'all' }).getSnapshot();
    // Newest activity first; conv1 and conv3 have none, so id breaks the tie, descending as on the server.
    expect(rows.map((c) => c.id)).toEqual(['conv2', 'conv3', 'conv1']);
    expect(r.store.status().cursor).toBe(r.server.seq);
    expect(r.store.conversation('conv2')?.lastMessagePreview).toBe('hello');
  });

  it('counts an inbound message once when a row that already counts it arrives before its entry', async () => {
    const server = new ModelServer();
    const id = server.createConversation(OTHER_CHANNEL); // not ours yet
    const r = await started(rig({ server }));
    r.server.patchConversation(id, { assigneeId: ME }); // visibleToYou: true
    // As Parley's ingest logs it: conversation.updated (seq s), then message.created (s + 1).
    r.server.inboundConversationFirst(id, 'one');
    // The flip makes the store fetch the row (version s, unreadCount 1) before the socket brings
    // s and s + 1: the row's cursor, not its version, says which messages it has counted.
    r.net.deliver(1);
    await r.store.whenIdle();
    expect(r.store.conversation(id)?.unreadCount).toBe(1);
    r.net.deliver();
    await r.store.whenIdle();
    expect(r.store.status().cursor).toBe(r.server.seq);
    expect(r.store.conversation(id)?.unreadCount).toBe(1);
    r.server.inboundConversationFirst(id, 'two');
    r.net.deliver();
    expect(r.store.conversation(id)?.unreadCount).toBe(2);
  });

  it('buffers events that arrive before the snapshot and applies them after it, by cursor', async () => {
    const r = rig({ server: serverWith(1) });
    r.net.holdHttp = true;
    const p = r.store.start();
    r.net.connectSocket();
    await settle();
    r.server.inbound('conv1', 'early'); // after the snapshot was taken, before it arrived
    r.net.deliver();
    expect(r.store.conversation('conv1')).toBeUndefined();
    r.net.holdHttp = false;
    r.net.releaseHttp();
    await p;
    await settle();
    expect(r.store.conversation('conv1')?.lastMessagePreview).toBe('early');
    expect(r.store.conversation('conv1')?.unreadCount).toBe(1);
  });

  it('drops a duplicate delivery by (tenant, seq) and counts it', async () => {
    const r = await started(rig({ server: serverWith(1) }));
    r.server.patchConversation('conv1', { labels: ['vip'] });
    const [e] = r.net.inbox;
    r.net.deliver();
    r.net.push(e);
    r.net.push(e);
    expect(r.store.stats().duplicatesDropped).toBe(2);
    expect(r.store.conversation('conv1')?.labels).toEqual(['vip']);
  });

  it('drops an entry of another tenant and a malformed payload', async () => {
    const r = await started(rig({ server: serverWith(1) }));
    r.net.push({ tenantId: 'other', seq: r.server.seq + 1, type: 'hidden' });
    r.net.push({ nonsense: true });
    expect(r.store.stats().rejectedEntries).toBe(2);
    expect(r.store.status().cursor).toBe(r.server.seq);
  });

  it('drops an entity update older than the version it holds', async () => {
    const r = await started(rig({ server: serverWith(1) }));
    const held = r.store.conversation('conv1')!;
    // A replayed entry carrying an old version of a newer entity (seq is new, version is not).
    r.net.push({
      tenantId: TENANT,
      seq: r.server.seq + 1,
      type: 'conversation.updated',
      entityId: 'conv1',
      version: held.version,
      data: { labels: ['old'] },
    });
    expect(r.store.stats().staleDropped).toBe(1);
    expect(r.store.conversation('conv1')?.labels).toEqual([]);
  });

  it('merges a partial payload field by field, nested objects included', async () => {
    const r = await started(rig({ server: serverWith(1) }));
    r.server.patchConversation('conv1', { contact: { name: 'Ana' } });
    r.net.deliver();
    const c = r.store.conversation('conv1')!;
    expect(c.contact).toEqual({ id: 'ct-conv1', waId: 'wa-conv1', name: 'Ana', phone: null });
    expect(c.status).toBe('open');
  });
});

describe('gaps, reconnects and reconciliation', () => {
  it('holds an entry after a gap, pulls the missing ones and applies all in order', async () => {
    const r = await started(rig({ server: serverWith(1) }));
    r.server.inbound('conv1', 'one');
    r.server.inbound('conv1', 'two');
    r.net.inbox.splice(0, 2); // the socket lost the first message's entries
    r.net.deliver();
    expect(r.store.conversation('conv1')?.lastMessagePreview).toBeNull();
    r.clock.advance(1000);
    await settle();
    expect(r.store.conversation('conv1')?.lastMessagePreview).toBe('two');
    expect(r.store.stats().gapsHealed).toBe(1);
    expect(r.store.status().cursor).toBe(r.server.seq);
  });

  it('heals a gap filled by a late delivery without pulling', async () => {
    const r = await started(rig({ server: serverWith(1) }));
    r.server.inbound('conv1', 'one');
    const [a, b] = r.net.inbox.splice(0);
    r.net.push(b);
    r.net.push(a);
    expect(r.store.stats().gapsHealed).toBe(1);
    expect(r.net.requests.filter((q) => q.path.startsWith('/api/v1/sync'))).toHaveLength(0);
  });

  it('pulls from the last cursor after a reconnect and counts the repairs', async () => {
    const r = await started(rig({ server: serverWith(1) }));
    r.net.disconnectSocket();
    r.server.inbound('conv1', 'while away');
    r.net.connectSocket();
    await settle();
    expect(r.store.conversation('conv1')?.lastMessagePreview).toBe('while away');
    expect(r.store.stats().reconciliationRepairs).toBe(1); // conversation.updated; the message has no open thread
  });

  it('pulls when the page becomes visible again', async () => {
    const r = await started(rig({ server: serverWith(1) }));
    r.server.patchConversation('conv1', { status: 'pending' });
    r.net.inbox = []; // a background tab's socket was throttled and lost it
    r.wake();
    await settle();
    expect(r.store.conversation('conv1')?.status).toBe('pending');
  });

  it('treats a tick that fires far too late as a wake from standby', async () => {
    const r = await started(rig({ server: serverWith(1), reconcileMs: 60_000 }));
    r.server.patchConversation('conv1', { status: 'resolved' });
    r.net.inbox = [];
    r.clock.jump(3_600_000);
    r.clock.advance(1);
    await settle();
    expect(r.store.conversation('conv1')?.status).toBe('resolved');
  });

  it('re-snapshots when the cursor has expired (410)', async () => {
    const r = await started(rig({ server: serverWith(2) }));
    r.net.disconnectSocket();
    r.server.patchConversation('conv1', { labels: ['x'] });
    r.server.createConversation(MY_CHANNEL);
    r.server.expireCursors();
    await r.store.reconcile();
    await settle();
    expect(
      r.store
        .list({ view: 'all' })
        .getSnapshot()
        .map((c) => c.id)
        .sort(),
    ).toEqual(['conv1', 'conv2', 'conv3']);
    expect(r.store.conversation('conv1')?.labels).toEqual(['x']);
    expect(r.store.stats().snapshots).toBe(2);
  });

  it('keeps itself current by polling when the socket never connects', async () => {
    const r = rig({ server: serverWith(1), pollMs: 5_000 });
    const p = r.store.start();
    r.net.failConnect();
    await p;
    r.server.inbound('conv1', 'polled');
    r.clock.advance(5_000);
    await settle();
    expect(r.store.status().connection).toBe('polling');
    expect(r.store.conversation('conv1')?.lastMessagePreview).toBe('polled');
  });
});
