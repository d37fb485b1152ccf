// @vitest-environment jsdom
import type { Conversation } from '@parley/sync';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeApp } from '../../test-support/fake-app.tsx';
import { Composer } from './composer.tsx';

const conversation = (p: Partial<Conversation> = {}): Conversation => ({
  id: 'conv-1',
  channelId: 'ch-1',
  contact: { id: 'k1', waId: '5511', name: 'Rita', phone: '+5511' },
  status: 'open',
  assigneeId: 'me',
  teamId: null,
  labels: [],
  lastMessageAt: null,
  lastMessagePreview: null,
  windowExpiresAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
  snoozedUntil: null,
  version: 1,
  ...p,
});

const box = () => screen.getByTestId('composer') as HTMLTextAreaElement;

describe('the composer', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('sends on Enter through the store and clears the box', () => {
    const app = fakeApp();
    render(app.wrap(<Composer conversation={conversation()} />));
    fireEvent.change(box(), { target: { value: 'Your parcel left today' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(app.store.send).toHaveBeenCalledWith('conv-1', 'Your parcel left today');
    expect(box().value).toBe('');
  });

  it('does not send on Shift+Enter (a new line)', () => {
    const app = fakeApp();
    render(app.wrap(<Composer conversation={conversation()} />));
    fireEvent.change(box(), { target: { value: 'line one' } });
    fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true });
    expect(app.store.send).not.toHaveBeenCalled();
  });

  it('keeps the draft of a conversation when it is shown again (navigation, reload)', () => {
    const app = fakeApp();
    const first = render(app.wrap(<Composer conversation={conversation()} />));
    fireEvent.change(box(), { target: { value: 'half a thought' } });
    first.unmount();
    render(app.wrap(<Composer conversation={conversation()} />));
    expect(box().value).toBe('half a thought');
  });

  it('disables free text with the reason when the 24-hour window is closed', async () => {
    const app = fakeApp({ answer: () => ({ ok: true, status: 200, data: { templates: [] } }) });
    render(app.wrap(<Composer conversation={conversation({ windowExpiresAt: '2020-01-01T00:00:00Z' })} />));
    expect(box().disabled).toBe(true);
    expect(screen.getByTestId('window-closed-reason').textContent).toMatch(/24-hour window closed/);
    await waitFor(() =>
      expect(app.calls.some((c) => c.path === '/api/v1/channels/ch-1/templates')).toBe(true),
    );
  });

  it('replaces /shortcode with the canned response chosen by keyboard', () => {
    const app = fakeApp();
    render(app.wrap(<Composer conversation={conversation()} />));
    fireEvent.change(box(), { target: { value: '/tha' } });
    expect(screen.getByRole('option').textContent).toContain('/thanks');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe('Thank you for waiting!');
    expect(app.store.send).not.toHaveBeenCalled();
  });

  it('posts a private note with the mentioned agents, not a message', async () => {
    const app = fakeApp();
    render(app.wrap(<Composer conversation={conversation()} />));
    fireEvent.click(screen.getByRole('tab', { name: 'Private note' }));
    fireEvent.change(box(), { target: { value: 'ask @Be', selectionStart: 7 } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe('ask @Bea Agent ');
    fireEvent.keyDown(box(), { key: 'Enter' });
    await waitFor(() =>
      expect(app.calls.find((c) => c.path === '/api/v1/conversations/conv-1/notes')?.body).toEqual({
        body: 'ask @Bea Agent',
        mentions: ['bea'],
      }),
    );
    expect(app.store.send).not.toHaveBeenCalled();
  });
});
