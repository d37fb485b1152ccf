// WhatsApp's media rules (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types):
// which types each kind takes and how large a file may be. Pure, used for agents' uploads (a clear
// 4xx before anything reaches Meta) and for downloads of customers' media.
import type { MediaKind } from './send-request.ts';

const MB = 1024 * 1024;

export const MEDIA_RULES: Record<MediaKind, { types: readonly string[]; maxBytes: number }> = {
  image: { types: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  video: { types: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
  audio: { types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
  document: {
    types: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.ms-excel',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
  },
  sticker: { types: ['image/webp'], maxBytes: 500 * 1024 },
};

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export const baseMime = (mime: string): string => mime.split(';')[0]!.trim().toLowerCase();

/** The kind an uploaded file can be sent as, from its type; null when WhatsApp takes no such file. */
export function kindForMime(mime: string): MediaKind | null {
  const m = baseMime(mime);
  for (const kind of ['image', 'video', 'audio', 'sticker', 'document'] as const) {
    if (MEDIA_RULES[kind].types.includes(m)) return kind;
  }
  return null;
}

const NAMES: Record<MediaKind, string> = {
  image: 'An image',
  video: 'A video',
  audio: 'An audio file',
  document: 'A document',
  sticker: 'A sticker',
};

export type UploadCheck =
  | { ok: true; kind: MediaKind }
  | { ok: false; reason: 'type' | 'size'; message: string };

/** Checks an agent's upload against WhatsApp's rules, with a sentence saying what is allowed. */
export function checkUpload(mime: string, size: number): UploadCheck {
  const kind = kindForMime(mime);
  if (!kind) {
    return {
      ok: false,
      reason: 'type',
      message: `WhatsApp does not accept ${baseMime(mime) || 'this type of'} files: send JPEG or PNG images, MP4 or 3GPP video, AAC, AMR, MP3, MP4 or OGG audio, WebP stickers, or PDF, text and Office documents`,
    };
  }
  const { maxBytes } = MEDIA_RULES[kind];
  if (size > maxBytes) {
    return {
      ok: false,
      reason: 'size',
      message: `${NAMES[kind]} may be at most ${formatBytes(maxBytes)} on WhatsApp; this file is ${formatBytes(size)}`,
    };
  }
  if (size === 0) return { ok: false, reason: 'size', message: 'The file is empty' };
  return { ok: true, kind };
}

/** Whether an uploaded file of `mime` may be sent as `kind` (a PNG as an image, not as a sticker). */
export const fitsKind = (kind: MediaKind, mime: string): boolean =>
  MEDIA_RULES[kind].types.includes(baseMime(mime));

/**
 * Checks a customer's file downloaded from Meta: the size cap of its kind, and a type of the right
 * family (Meta already accepted it, so any audio/* is audio; documents take any type).
 */
export function checkDownload(kind: MediaKind, mime: string | null, size: number): string | null {
  const limit = MEDIA_RULES[kind].maxBytes;
  if (size > limit)
    return `the file is ${formatBytes(size)}, more than the ${formatBytes(limit)} WhatsApp allows for a ${kind}`;
  const family = kind === 'sticker' ? 'image' : kind;
  if (kind !== 'document' && mime && !baseMime(mime).startsWith(`${family}/`))
    return `a ${kind} came with the type ${baseMime(mime)}`;
  return null;
}

export function formatBytes(n: number): string {
  if (n >= MB) return `${Math.round((n / MB) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
