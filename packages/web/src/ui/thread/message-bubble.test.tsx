// @vitest-environment jsdom
import type { Message, ThreadItem } from '@parley/sync';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeApp, fakeApp, settleStore } from '../../test-support/fake-app.tsx';
import { MessageBubble } from './message-bubble.tsx';

const out = (p: Partial<Message>): Message => ({
  id: 'm1',
  conversationId: 'c1',
  direction: 'out',
  kind: 'text',
  body: { body: 'Your order shipped' },
  status: 'sent',
  waMessageId: 'wamid.1',
  clientId: 'cid-1',
  authorId: 'me',
  error: null,
  createdAt: new Date().toISOString(),
  version: 1,
  ...p,
});

/** The store's own thread item for a send of `text` (optimistic while the outbox holds it). */
async function sent(app: FakeApp, text: string): Promise<ThreadItem> {
  const thread = app.store.thread(app.conversationId);
  app.store.send(app.conversationId, text);
  await settleStore();
  await app.store.whenIdle();
  const item = thread
    .getSnapshot()
    .items.find((i) => i.itemType === 'message' && i.message.body['body'] === text);
  if (!item) throw new Error(`no thread item for ${text}`);
  return item;
}

/** POSTs of new messages that reached the transport. */
const messagePosts = (app: FakeApp) =>
  app.net.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));

describe('a message bubble', () => {
  afterEach(cleanup);

  it('shows the delivery state of a reply', async () => {
    const app = await fakeApp();
    const item: ThreadItem = {
      itemType: 'message',
      key: 'c:cid-1',
      message: out({ status: 'delivered' }),
      optimistic: null,
    };
    render(app.wrap(<MessageBubble item={item} reactions={[]} />));
    expect(screen.getByTestId('message').dataset['status']).toBe('delivered');
    expect(screen.getByTitle('Delivered')).toBeTruthy();
  });

  it('shows a queued send as pending', async () => {
    const app = await fakeApp();
    app.net.online = false;
    const item = await sent(app, 'Waiting for the network');
    render(app.wrap(<MessageBubble item={item} reactions={[]} />));
    expect(screen.getByTestId('message').dataset['status']).toBe('pending');
  });

  it('shows why a send was refused and retries it from the outbox, under the same clientId', async () => {
    const app = await fakeApp();
    // The model server refuses any text with REJECT in it (422 window_closed).
    const item = await sent(app, 'REJECT me');
    expect(item).toMatchObject({ optimistic: { state: 'failed' } });
    render(app.wrap(<MessageBubble item={item} reactions={[]} />));
    expect(screen.getByTestId('failure-reason').textContent).toBe('The 24-hour window is closed.');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
      await settleStore();
      await app.store.whenIdle();
    });
    const posts = messagePosts(app);
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => (p.body as { clientId: string }).clientId)).toEqual(['client-1', 'client-1']);
  });

  it('retries a send WhatsApp failed through the server, with its reason shown', async () => {
    const app = await fakeApp();
    const item: ThreadItem = {
      itemType: 'message',
      key: 'c:cid-1',
      message: out({ status: 'failed', error: { code: 131026, title: 'Message undeliverable' } }),
      optimistic: null,
    };
    render(app.wrap(<MessageBubble item={item} reactions={['👍']} />));
    expect(screen.getByTestId('failure-reason').textContent).toBe('Message undeliverable');
    expect(screen.getByTestId('reactions').textContent).toContain('👍');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(app.calls[0]).toMatchObject({
        method: 'POST',
        path: '/api/v1/conversations/c1/messages/m1/retry',
      }),
    );
  });

  it('says why a retry was refused and never sends the text again as a new message', async () => {
    const app = await fakeApp({
      answer: () => ({ ok: false, status: 404, code: 'not_found', message: 'No such message.' }),
    });
    const item: ThreadItem = {
      itemType: 'message',
      key: 'c:cid-1',
      message: out({
        conversationId: app.conversationId,
        status: 'failed',
        error: { code: 131026, title: 'x' },
      }),
      optimistic: null,
    };
    render(app.wrap(<MessageBubble item={item} reactions={[]} />));
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText('No such message.');
    await settleStore();
    expect(messagePosts(app)).toEqual([]);
    expect(app.store.outbox()).toEqual([]);
  });

  it('marks a private note as such', async () => {
    const app = await fakeApp();
    const item: ThreadItem = {
      itemType: 'note',
      key: 'n:1',
      note: {
        id: 'n1',
        conversationId: 'c1',
        authorId: 'bea',
        body: 'VIP customer',
        mentions: [],
        createdAt: new Date().toISOString(),
        version: 1,
      },
    };
    render(app.wrap(<MessageBubble item={item} reactions={[]} />));
    expect(screen.getByTestId('note').textContent).toContain('Private note');
    expect(screen.getByTestId('note').textContent).toContain('Bea Agent');
  });
});
