import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta's webhook signature: `sha256=` + hex HMAC-SHA256 of the exact body bytes with the app secret.
 * It must be computed over the raw bytes sent, never over a re-serialised object.
 */
export function signBody(body: string | Uint8Array, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

/** Constant-time check of an `X-Hub-Signature-256` header, for receivers written on top of the sim. */
export function verifySignature(
  body: string | Uint8Array,
  secret: string,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
