import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/**
 * Meta signs the raw body with the app secret: `X-Hub-Signature-256: sha256=<hex>`. Compared in
 * constant time over the exact bytes received, before any parsing.
 */
export function verifySignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header?.startsWith(PREFIX)) return false;
  const given = Buffer.from(header.slice(PREFIX.length), 'hex');
  const expected = createHmac('sha256', secret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const signBody = (raw: Buffer | string, secret: string): string =>
  PREFIX + createHmac('sha256', secret).update(raw).digest('hex');
