import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './sign.ts';

describe('signBody', () => {
  it('matches an independent HMAC-SHA256 over the raw bytes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (body, secret) => {
        const expected =
          'sha256=' + createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
        expect(signBody(body, secret)).toBe(expected);
        expect(signBody(Buffer.from(body, 'utf8'), secret)).toBe(expected);
      }),
    );
  });

  it('is verified only with the same secret and the same bytes', () => {
    const sig = signBody('{"a":1}', 's3cret');
    expect(verifySignature('{"a":1}', 's3cret', sig)).toBe(true);
    expect(verifySignature('{"a": 1}', 's3cret', sig)).toBe(false);
    expect(verifySignature('{"a":1}', 'other', sig)).toBe(false);
    expect(verifySignature('{"a":1}', 's3cret', undefined)).toBe(false);
  });
});
