import { describe, expect, it } from 'vitest';
import { handshakeOriginAllowed } from './handshake-origin.ts';

describe('the socket handshake origin check', () => {
  it('accepts non-browser clients (no Origin), the same host and the public URL', () => {
    expect(handshakeOriginAllowed(undefined, 'inbox.example', undefined)).toBe(true);
    expect(handshakeOriginAllowed('http://localhost:3000', 'localhost:3000', undefined)).toBe(true);
    expect(handshakeOriginAllowed('https://inbox.example', 'internal:3000', 'https://inbox.example/')).toBe(
      true,
    );
  });

  it('refuses another site, another port and garbage', () => {
    expect(handshakeOriginAllowed('https://evil.example', 'inbox.example', 'https://inbox.example')).toBe(
      false,
    );
    expect(handshakeOriginAllowed('http://localhost:4000', 'localhost:3000', undefined)).toBe(false);
    expect(handshakeOriginAllowed('null', 'localhost:3000', undefined)).toBe(false);
    expect(handshakeOriginAllowed('http://localhost:3000', undefined, undefined)).toBe(false);
  });
});
