// @vitest-environment jsdom
import type { Conversation } from '@parley/sync';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeApp, fakeApp, settleStore } from '../../test-support/fake-app.tsx';
import { Composer } from './composer.tsx';

/** The conversation the app's server holds, as the thread pane passes it. */
const conversation = (app: FakeApp, p: Partial<Conversation> = {}): Conversation => ({
  id: app.conversationId,
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

/** Every text the store sent or still holds to send: what reached the server, then the outbox. */
async function sends(app: FakeApp): Promise<string[]> {
  await act(settleStore);
  const accepted = [...app.server.messages.values()].filter((m) => m.direction === 'out');
  return [...accepted.map((m) => String(m.body['body'])), ...app.store.outbox().map((o) => o.text)];
}

describe('the composer', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('sends on Enter through the store and clears the box', async () => {
    const app = await fakeApp();
    render(app.wrap(<Composer conversation={conversation(app)} />));
    fireEvent.change(box(), { target: { value: 'Your parcel left today' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(await sends(app)).toEqual(['Your parcel left today']);
    expect(box().value).toBe('');
  });

  it('refuses a reply over 4,096 characters with the reason, sends nothing and keeps the text', async () => {
    const app = await fakeApp();
    render(app.wrap(<Composer conversation={conversation(app)} />));
    const long = 'a'.repeat(4100);
    fireEvent.change(box(), { target: { value: long } });
    expect(screen.getByTestId('length-count').textContent).toMatch(/4,?100 \/ 4,?096/);
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toMatch(/4 characters over WhatsApp's limit/);
    expect(await sends(app)).toEqual([]);
    expect(box().value).toBe(long);
    fireEvent.change(box(), { target: { value: 'a'.repeat(4096) } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(await sends(app)).toEqual(['a'.repeat(4096)]);
  });

  it('does not send on Shift+Enter (a new line)', async () => {
    const app = await fakeApp();
    render(app.wrap(<Composer conversation={conversation(app)} />));
    fireEvent.change(box(), { target: { value: 'line one' } });
    fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true });
    expect(await sends(app)).toEqual([]);
  });

  it('keeps the draft of a conversation when it is shown again (navigation, reload)', async () => {
    const app = await fakeApp();
    const first = render(app.wrap(<Composer conversation={conversation(app)} />));
    fireEvent.change(box(), { target: { value: 'half a thought' } });
    first.unmount();
    render(app.wrap(<Composer conversation={conversation(app)} />));
    expect(box().value).toBe('half a thought');
  });

  it('disables free text with the reason when the 24-hour window is closed', async () => {
    const app = await fakeApp({ answer: () => ({ ok: true, status: 200, data: { templates: [] } }) });
    render(
      app.wrap(<Composer conversation={conversation(app, { windowExpiresAt: '2020-01-01T00:00:00Z' })} />),
    );
    expect(box().disabled).toBe(true);
    expect(screen.getByTestId('window-closed-reason').textContent).toMatch(/24-hour window closed/);
    await waitFor(() =>
      expect(app.calls.some((c) => c.path === '/api/v1/channels/ch-1/templates')).toBe(true),
    );
  });

  it('replaces /shortcode with the canned response chosen by keyboard', async () => {
    const app = await fakeApp();
    render(app.wrap(<Composer conversation={conversation(app)} />));
    fireEvent.change(box(), { target: { value: '/tha' } });
    expect(screen.getByRole('option').textContent).toContain('/thanks');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe('Thank you for waiting!');
    expect(await sends(app)).toEqual([]);
  });

  it('posts a private note with the mentioned agents, not a message', async () => {
    const app = await fakeApp();
    render(app.wrap(<Composer conversation={conversation(app)} />));
    fireEvent.click(screen.getByRole('tab', { name: 'Private note' }));
    fireEvent.change(box(), { target: { value: 'ask @Be', selectionStart: 7 } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe('ask @Bea Agent ');
    fireEvent.keyDown(box(), { key: 'Enter' });
    await waitFor(() =>
      expect(
        app.calls.find((c) => c.path === `/api/v1/conversations/${app.conversationId}/notes`)?.body,
      ).toEqual({
        body: 'ask @Bea Agent',
        mentions: ['bea'],
      }),
    );
    expect(await sends(app)).toEqual([]);
  });
});
