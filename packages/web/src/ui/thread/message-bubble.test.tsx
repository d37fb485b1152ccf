// @vitest-environment jsdom
import type { Message, ThreadItem } from '@parley/sync';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApp } from '../../test-support/fake-app.tsx';
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

describe('a message bubble', () => {
  afterEach(cleanup);

  it('shows the delivery state of a reply', () => {
    const app = fakeApp();
    const item: ThreadItem = {
      itemType: 'message',
      key: 'c:cid-1',
      message: out({ status: 'delivered' }),
      optimistic: null,
    };
    render(app.wrap(<MessageBubble item={item} reactions={[]} onResend={() => {}} />));
    expect(screen.getByTestId('message').dataset['status']).toBe('delivered');
    expect(screen.getByTitle('Delivered')).toBeTruthy();
  });

  it('shows a queued send as pending', () => {
    const app = fakeApp();
    const item: ThreadItem = {
      itemType: 'message',
      key: 'c:cid-1',
      message: out({ status: 'pending' }),
      optimistic: { state: 'pending', error: null },
    };
    render(app.wrap(<MessageBubble item={item} reactions={[]} onResend={() => {}} />));
    expect(screen.getByTestId('message').dataset['status']).toBe('pending');
  });

  it('shows why a send was refused and retries it from the outbox', () => {
    const app = fakeApp();
    const item: ThreadItem = {
      itemType: 'message',
      key: 'c:cid-1',
      message: out({ status: 'failed' }),
      optimistic: {
        state: 'failed',
        error: { code: 'window_closed', message: 'The 24-hour window is closed' },
      },
    };
    render(app.wrap(<MessageBubble item={item} reactions={[]} onResend={() => {}} />));
    expect(screen.getByTestId('failure-reason').textContent).toBe('The 24-hour window is closed');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(app.store.retry).toHaveBeenCalledWith('cid-1');
  });

  it('retries a send WhatsApp failed through the server, with its reason shown', async () => {
    const app = fakeApp();
    const item: ThreadItem = {
      itemType: 'message',
      key: 'c:cid-1',
      message: out({ status: 'failed', error: { code: 131026, title: 'Message undeliverable' } }),
      optimistic: null,
    };
    render(app.wrap(<MessageBubble item={item} reactions={['👍']} onResend={() => {}} />));
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

  it('marks a private note as such', () => {
    const app = fakeApp();
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
    render(app.wrap(<MessageBubble item={item} reactions={[]} onResend={() => {}} />));
    expect(screen.getByTestId('note').textContent).toContain('Private note');
    expect(screen.getByTestId('note').textContent).toContain('Bea Agent');
  });
});
