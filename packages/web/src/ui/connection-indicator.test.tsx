// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApp, settleStore } from '../test-support/fake-app.tsx';
import { ConnectionIndicator, connectionLabel } from './connection-indicator.tsx';

describe('the connection indicator', () => {
  afterEach(cleanup);

  it('names the state: live, connecting at first, reconnecting after a drop, offline without network', () => {
    expect(connectionLabel({ connection: 'live', cursor: 5, outbox: 0 }, true)).toBe('live');
    expect(connectionLabel({ connection: 'connecting', cursor: null, outbox: 0 }, true)).toBe('connecting');
    expect(connectionLabel({ connection: 'polling', cursor: 5, outbox: 0 }, true)).toBe('reconnecting');
    expect(connectionLabel({ connection: 'live', cursor: 5, outbox: 0 }, false)).toBe('offline');
  });

  it('shows how many sends are queued, and follows the store', async () => {
    const app = await fakeApp();
    render(app.wrap(<ConnectionIndicator />));
    expect(screen.getByRole('status').dataset['state']).toBe('live');
    expect(screen.queryByTestId('queued-count')).toBeNull();
    // The socket drops and the server cannot be reached: the store polls, and sends wait.
    app.net.online = false;
    await act(async () => {
      app.net.disconnectSocket();
      app.store.send(app.conversationId, 'first');
      app.store.send(app.conversationId, 'second');
      await settleStore();
    });
    expect(screen.getByRole('status').dataset['state']).toBe('reconnecting');
    expect(screen.getByTestId('queued-count').textContent).toContain('2 queued');
    // Back: the socket is live again and the queued sends reach the server, once each.
    app.net.online = true;
    await act(async () => {
      app.net.connectSocket();
      await app.store.whenIdle();
      await settleStore();
    });
    expect(screen.getByRole('status').dataset['state']).toBe('live');
    expect(screen.queryByTestId('queued-count')).toBeNull();
    expect([...app.server.messages.values()].map((m) => m.body['body'])).toEqual(['first', 'second']);
  });
});
