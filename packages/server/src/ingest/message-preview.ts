import type { MessageBody } from './message-bodies.ts';

export const PREVIEW_MAX_LENGTH = 140;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Shortens to `max` user-perceived characters. Counting graphemes, not UTF-16 units, keeps an emoji
 * or a flag from being cut in half (a lone surrogate breaks JSON and Postgres text).
 */
export function truncate(text: string, max = PREVIEW_MAX_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const parts = Array.from(graphemes.segment(flat), (s) => s.segment);
  if (parts.length <= max) return flat;
  return (
    parts
      .slice(0, max - 1)
      .join('')
      .trimEnd() + '…'
  );
}

const labelled = (label: string, detail: string | null | undefined) =>
  detail ? `${label}: ${detail}` : label;

function describe(body: MessageBody): string {
  switch (body.kind) {
    case 'text':
      return body.body;
    case 'image':
      return labelled('📷 Photo', body.caption);
    case 'video':
      return labelled('🎥 Video', body.caption);
    case 'sticker':
      return '💟 Sticker';
    case 'audio':
      return body.voice ? '🎤 Voice message' : '🎵 Audio';
    case 'document':
      return labelled(`📄 ${body.filename ?? 'Document'}`, body.caption);
    case 'location':
      return labelled('📍 Location', body.name ?? body.address);
    case 'contacts': {
      const [first] = body.contacts;
      if (body.contacts.length > 1) return `👤 ${body.contacts.length} contacts`;
      return labelled('👤 Contact', first?.formattedName);
    }
    case 'interactive':
      return body.title ?? (body.interactiveType === 'nfm_reply' ? '📝 Form response' : '↩️ Reply');
    case 'button':
      return body.text;
    case 'reaction':
      return body.emoji ? `Reacted ${body.emoji}` : 'Removed a reaction';
    case 'order': {
      const count = body.items.reduce((sum, item) => sum + item.quantity, 0);
      return labelled(`🛒 Order (${count} ${count === 1 ? 'item' : 'items'})`, body.text);
    }
    case 'system':
      return body.body;
    case 'unsupported':
      return '⚠️ Message type not supported by WhatsApp Cloud API';
    case 'unknown':
      return `⚠️ Unsupported message (${body.originalType})`;
  }
}

/** A short plain-text line for conversation lists and notifications. */
export function previewOf(body: MessageBody): string {
  return truncate(describe(body));
}
