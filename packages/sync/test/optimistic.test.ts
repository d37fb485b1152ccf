import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { indexedDbOutboxStorage } from '../src/indexeddb-storage.ts';
import { settle } from './fake-transport.ts';
import { rig, started } from './harness.ts';
import { ModelServer, MY_CHANNEL } from './model-server.ts';

function oneConversation(): ModelServer {
  const s = new ModelServer();
  s.createConversation(MY_CHANNEL);
  return s;
}

describe('optimistic sends', () => {
  it('shows a send at once as pending, then the server row under the same key, never twice', async () => {
    const r = await started(rig({ server: oneConversation() }));
    const thread = r.store.thread('conv1');
    await settle();
    r.net.holdHttp = true;
    const clientId = r.store.send('conv1', 'hi there');
    const pending = thread.getSnapshot().items;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ key: `c:${clientId}`, optimistic: { state: 'pending' } });
    await settle();
    r.net.deliver(); // the echo comes before the POST's answer
    const echoed = thread.getSnapshot().items;
    expect(echoed).toHaveLength(1);
    expect(echoed[0]).toMatchObject({ key: `c:${clientId}`, optimistic: null });
    r.net.releaseHttp();
    await settle();
    expect(thread.getSnapshot().items).toHaveLength(1);
    expect(r.store.outbox()).toHaveLength(0);
  });

  it('marks a refused send failed with its text and reason, and retry() sends it again', async () => {
    const r = await started(rig({ server: oneConversation() }));
    const thread = r.store.thread('conv1');
    await settle();
    r.net.overrides.push({
      method: 'POST',
      prefix: '/api/v1/conversations/conv1/messages',
      res: {
        status: 422,
        body: { error: { code: 'window_closed', message: 'The 24-hour window is closed.' } },
      },
      times: 1,
    });
    const clientId = r.store.send('conv1', 'keep this text');
    await settle();
    const [item] = thread.getSnapshot().items;
    expect(item).toMatchObject({
      key: `c:${clientId}`,
      optimistic: { state: 'failed', error: { code: 'window_closed' } },
    });
    expect(item?.itemType === 'message' && item.message.body).toEqual({ body: 'keep this text' });
    expect(r.store.retry(clientId)).toBe(true);
    await settle();
    r.net.deliver();
    const items = thread.getSnapshot().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ key: `c:${clientId}`, optimistic: null });
  });

  it('discard() removes a failed send', async () => {
    const r = await started(rig({ server: oneConversation() }));
    const thread = r.store.thread('conv1');
    const clientId = r.store.send('conv1', 'REJECT');
    await settle();
    expect(r.store.discard(clientId)).toBe(true);
    expect(thread.getSnapshot().items).toHaveLength(0);
    expect(await r.storage.load()).toEqual([]);
  });

  it('keeps a send queued on a 5xx and sends it on the next flush, once', async () => {
    const r = await started(rig({ server: oneConversation(), retryMs: 1000 }));
    r.net.overrides.push({
      method: 'POST',
      prefix: '/api/v1/conversations/conv1/messages',
      res: { status: 503, body: null },
      times: 1,
    });
    r.store.send('conv1', 'later');
    await settle();
    expect(r.store.outbox()).toHaveLength(1);
    r.clock.advance(1000);
    await settle();
    expect(r.store.outbox()).toHaveLength(0);
    expect([...r.server.messages.values()].map((m) => m.body)).toEqual([{ body: 'later' }]);
  });
});

describe('offline queue', () => {
  it('keeps sends made offline across a reload and flushes them in order, idempotently', async () => {
    const server = oneConversation();
    const factory = new IDBFactory();
    const storage = indexedDbOutboxStorage({ dbName: 'parley-me', factory });
    const a = await started(rig({ server, storage }));
    a.net.online = false;
    a.store.send('conv1', 'first');
    a.store.send('conv1', 'second');
    await settle(10);
    a.store.stop(); // the tab is closed

    const b = rig({
      server,
      storage: indexedDbOutboxStorage({ dbName: 'parley-me', factory }),
      newClientId: () => 'new',
    });
    await started(b);
    await b.store.whenIdle();
    await settle(10);
    expect([...server.messages.values()].map((m) => m.body['body'])).toEqual(['first', 'second']);
    expect(await b.storage.load()).toEqual([]);
    // The reloaded tab sends again what it had: the server answers with the same rows.
    const again = b.net.requests.filter((q) => q.method === 'POST').length;
    expect(again).toBe(2);
  });

  it('flushes when the connection comes back', async () => {
    const r = await started(rig({ server: oneConversation() }));
    r.net.online = false;
    r.net.disconnectSocket();
    r.store.send('conv1', 'queued');
    await settle();
    expect(r.store.status().outbox).toBe(1);
    r.net.online = true;
    r.net.connectSocket();
    await settle();
    expect(r.store.status().outbox).toBe(0);
    expect(r.server.messages.size).toBe(1);
  });
});

describe('optimistic conversation changes', () => {
  it('assigns at once and keeps the change once the server confirms', async () => {
    const r = await started(rig({ server: oneConversation() }));
    r.net.holdHttp = true;
    const done = r.store.assign('conv1', { assigneeId: 'me' });
    expect(r.store.conversation('conv1')?.assigneeId).toBe('me');
    expect(
      r.store
        .list({ view: 'mine' })
        .getSnapshot()
        .map((c) => c.id),
    ).toEqual(['conv1']);
    await settle();
    r.net.releaseHttp();
    expect(await done).toEqual({ ok: true });
    expect(r.store.conversation('conv1')?.assigneeId).toBe('me');
  });

  it('rolls a refused status change back and keeps the reason for the view', async () => {
    const r = await started(rig({ server: oneConversation() }));
    const thread = r.store.thread('conv1');
    const res = await r.store.setStatus('conv1', 'snoozed');
    expect(res).toEqual({
      ok: false,
      error: { code: 'snooze_needs_time', message: expect.stringContaining('snooze') },
    });
    expect(r.store.conversation('conv1')?.status).toBe('open');
    expect(thread.getSnapshot().error?.code).toBe('snooze_needs_time');
  });

  it('rolls back a label change made offline', async () => {
    const r = await started(rig({ server: oneConversation() }));
    r.net.online = false;
    const res = await r.store.setLabels('conv1', ['vip']);
    expect(res.ok).toBe(false);
    expect(r.store.conversation('conv1')?.labels).toEqual([]);
  });

  it('marks a conversation read at once', async () => {
    const r = await started(rig({ server: oneConversation() }));
    r.server.inbound('conv1', 'a');
    r.net.deliver();
    expect(r.store.conversation('conv1')?.unreadCount).toBe(1);
    const p = r.store.markRead('conv1');
    expect(r.store.conversation('conv1')?.unreadCount).toBe(0);
    expect(await p).toEqual({ ok: true });
    expect(r.store.conversation('conv1')?.unreadCount).toBe(0);
  });
});
