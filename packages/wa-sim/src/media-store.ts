import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { newNumericId } from './ids.ts';

// Media kept in memory: what Parley uploads, and what the simulator attaches to inbound messages,
// so that Parley's worker can download real bytes the way it would from Meta.

export interface StoredMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  filename?: string;
  /** Hex, as GET /{media-id} answers. */
  sha256Hex: string;
  /** Base64, as inbound webhooks carry it. */
  sha256Base64: string;
  createdAt: number;
}

export interface MediaStore {
  put(bytes: Buffer, mimeType: string, filename?: string): StoredMedia;
  get(id: string): StoredMedia | undefined;
  delete(id: string): boolean;
  list(): StoredMedia[];
  /** A URL that works until `expiresAtMs`, like Meta's lookaside URLs (which last five minutes). */
  signedPath(id: string, expiresAtMs: number): string;
  /** Checks a download path's query; 'expired' and 'bad' map to different HTTP answers. */
  checkSignedQuery(
    query: URLSearchParams,
    nowMs: number,
  ): { ok: true; media: StoredMedia } | { ok: false; reason: 'expired' | 'bad' };
}

export function createMediaStore(): MediaStore {
  const items = new Map<string, StoredMedia>();
  const key = randomBytes(32);
  const sign = (id: string, exp: string) => createHmac('sha256', key).update(`${id}.${exp}`).digest('hex');
  return {
    put(bytes, mimeType, filename) {
      const digest = createHash('sha256').update(bytes).digest();
      const media: StoredMedia = {
        id: newNumericId(),
        bytes,
        mimeType,
        ...(filename && { filename }),
        sha256Hex: digest.toString('hex'),
        sha256Base64: digest.toString('base64'),
        createdAt: Date.now(),
      };
      items.set(media.id, media);
      return media;
    },
    get: (id) => items.get(id),
    delete: (id) => items.delete(id),
    list: () => [...items.values()],
    signedPath(id, expiresAtMs) {
      const exp = String(Math.floor(expiresAtMs / 1000));
      return `/whatsapp_business/attachments/?mid=${id}&ext=${exp}&hash=${sign(id, exp)}`;
    },
    checkSignedQuery(query, nowMs) {
      const id = query.get('mid') ?? '';
      const exp = query.get('ext') ?? '';
      const hash = Buffer.from(query.get('hash') ?? '');
      const expected = Buffer.from(sign(id, exp));
      const media = items.get(id);
      if (!media || hash.length !== expected.length || !timingSafeEqual(hash, expected))
        return { ok: false, reason: 'bad' };
      if (Number(exp) * 1000 < nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, media };
    },
  };
}
