// Opaque keyset cursors for list pages: the sort key of the last row, base64url-encoded JSON.
import { ParleyError } from '../errors.ts';

export const encodePage = (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodePage(page: string | undefined): unknown[] | null {
  if (!page) return null;
  try {
    const key = JSON.parse(Buffer.from(page, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key)) return key;
  } catch {
    // fall through to the error below
  }
  throw new ParleyError(
    'PARLEY_ERR_VALIDATION',
    'page is not a cursor from a previous answer; omit it to start at the top',
  );
}
