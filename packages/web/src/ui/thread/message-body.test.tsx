// @vitest-environment jsdom
import type { Message } from '@parley/sync';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageBody } from './message-body.tsx';

const message = (kind: string, body: Record<string, unknown>, p: Partial<Message> = {}): Message => ({
  id: 'm1',
  conversationId: 'c1',
  direction: 'in',
  kind,
  body,
  status: 'received',
  waMessageId: 'wamid.1',
  clientId: null,
  authorId: null,
  error: null,
  createdAt: new Date().toISOString(),
  version: 1,
  ...p,
});

describe('message bodies', () => {
  afterEach(cleanup);

  it('shows customer markup as text: no element from the message is created', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { container } = render(<MessageBody message={message('text', { body: evil })} />);
    expect(container.textContent).toBe(evil);
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('shows an image from its media URL, and says when the file is not there', () => {
    const withUrl = render(
      <MessageBody
        message={message('image', { mediaId: 'x', caption: 'Receipt', media: { url: '/api/v1/media/abc' } })}
      />,
    );
    expect(withUrl.container.querySelector('img')?.getAttribute('src')).toMatch(/\/api\/v1\/media\/abc$/);
    expect(withUrl.container.textContent).toContain('Receipt');
    withUrl.unmount();
    const old = message('image', { mediaId: 'x' }, { createdAt: '2020-01-01T00:00:00Z' });
    expect(render(<MessageBody message={old} />).container.textContent).toContain('Image unavailable');
  });

  it('never uses a javascript: URL from a payload', () => {
    const { container } = render(
      <MessageBody
        message={message('document', { filename: 'a.pdf', media: { url: 'javascript:alert(1)' } })}
      />,
    );
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('shows a location with its coordinates and a map link', () => {
    const { container } = render(
      <MessageBody message={message('location', { latitude: -23.56, longitude: -46.65, name: 'Home' })} />,
    );
    expect(container.textContent).toContain('-23.56, -46.65');
    expect(container.querySelector('a')?.getAttribute('href')).toContain('mlat=-23.56');
  });

  it('plays audio and names voice messages', () => {
    const { container } = render(
      <MessageBody message={message('audio', { voice: true, media: { url: '/api/v1/media/v1' } })} />,
    );
    expect(container.querySelector('audio')).not.toBeNull();
    expect(container.textContent).toContain('Voice message');
  });

  it('shows contacts, interactive replies, and says what it cannot show', () => {
    const cards = render(
      <MessageBody
        message={message('contacts', { contacts: [{ formattedName: 'Jo', phones: [{ phone: '+1 555' }] }] })}
      />,
    );
    expect(cards.container.textContent).toContain('Jo');
    expect(cards.container.textContent).toContain('+1 555');
    cards.unmount();
    const reply = render(
      <MessageBody message={message('interactive', { interactiveType: 'button_reply', title: 'Yes' })} />,
    );
    expect(reply.container.textContent).toContain('Yes');
    reply.unmount();
    const unsupported = render(<MessageBody message={message('unsupported', { unsupportedType: 'poll' })} />);
    expect(unsupported.container.textContent).toMatch(/not supported.*poll/);
    unsupported.unmount();
    expect(
      render(<MessageBody message={message('unknown', { originalType: 'hologram' })} />).container
        .textContent,
    ).toContain('hologram');
  });
});
