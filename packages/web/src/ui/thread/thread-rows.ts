// Turns the store's thread items into the rows the thread shows: day separators, reactions folded
// onto the message they react to, and replies linked to the message they quote.
import type { Message, ThreadItem } from '@parley/sync';

export type ThreadRow =
  | { kind: 'day'; key: string; iso: string }
  | {
      kind: 'item';
      key: string;
      item: ThreadItem;
      /** Emoji reactions shown on this message (the latest per side; a removed one is gone). */
      reactions: string[];
      /** The message this one replies to, when it is loaded; `undefined` when it is not a reply. */
      quoted?: Message | null;
    };

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function replyTarget(m: Message): string | null {
  const ctx = m.body['context'];
  if (!ctx || typeof ctx !== 'object') return null;
  const c = ctx as Record<string, unknown>;
  return str(c['waMessageId']) ?? str(c['id']) ?? str(c['message_id']);
}

const NO_REACTIONS: string[] = [];

export function buildThreadRows(items: readonly ThreadItem[]): ThreadRow[] {
  const byWaId = new Map<string, Message>();
  for (const it of items)
    if (it.itemType === 'message' && it.message.waMessageId) byWaId.set(it.message.waMessageId, it.message);

  // Latest reaction per target and side (customer or business); items come oldest first.
  const reactions = new Map<string, Map<string, string | null>>();
  const folded = new Set<string>();
  for (const it of items) {
    if (it.itemType !== 'message' || it.message.kind !== 'reaction') continue;
    const target = str(it.message.body['targetWaMessageId']);
    if (!target || !byWaId.has(target)) continue;
    let sides = reactions.get(target);
    if (!sides) {
      sides = new Map();
      reactions.set(target, sides);
    }
    sides.set(it.message.direction, str(it.message.body['emoji']));
    folded.add(it.key);
  }

  const rows: ThreadRow[] = [];
  let lastDay = '';
  for (const it of items) {
    if (folded.has(it.key)) continue;
    const iso = it.itemType === 'message' ? it.message.createdAt : it.note.createdAt;
    const day = iso.slice(0, 10);
    if (day !== lastDay) {
      rows.push({ kind: 'day', key: `day:${day}`, iso });
      lastDay = day;
    }
    if (it.itemType === 'note') {
      rows.push({ kind: 'item', key: it.key, item: it, reactions: NO_REACTIONS });
      continue;
    }
    const m = it.message;
    const sides = m.waMessageId ? reactions.get(m.waMessageId) : undefined;
    const emojis = sides ? [...sides.values()].filter((e): e is string => !!e) : NO_REACTIONS;
    const target = replyTarget(m);
    const row: ThreadRow = { kind: 'item', key: it.key, item: it, reactions: emojis };
    if (target && m.kind !== 'reaction') row.quoted = byWaId.get(target) ?? null;
    rows.push(row);
  }
  return rows;
}

/** One line of text for a message, for quotes and previews. */
export function messageSummary(m: Message): string {
  const b = m.body;
  const text = str(b['body']) ?? str(b['caption']) ?? str(b['text']) ?? str(b['title']);
  if (text) return text;
  switch (m.kind) {
    case 'image':
      return '📷 Photo';
    case 'video':
      return '🎬 Video';
    case 'audio':
      return '🎤 Audio';
    case 'document':
      return `📄 ${str(b['filename']) ?? 'Document'}`;
    case 'sticker':
      return 'Sticker';
    case 'location':
      return `📍 ${str(b['name']) ?? 'Location'}`;
    case 'contacts':
      return '👤 Contact card';
    default:
      return `[${m.kind}]`;
  }
}

function sameRow(a: ThreadRow, b: ThreadRow): boolean {
  if (a.kind === 'day' || b.kind === 'day') return a.kind === b.kind && a.key === b.key;
  const x = a.item;
  const y = b.item;
  if (x.itemType === 'note' || y.itemType === 'note')
    return x.itemType === y.itemType && x.itemType === 'note' && y.itemType === 'note' && x.note === y.note;
  return (
    x.message === y.message &&
    x.optimistic?.state === y.optimistic?.state &&
    x.optimistic?.error?.message === y.optimistic?.error?.message &&
    a.quoted === b.quoted &&
    a.reactions.length === b.reactions.length &&
    a.reactions.every((r, i) => r === b.reactions[i])
  );
}

/**
 * The store rebuilds thread items whenever the conversation changes (an unread count, a preview);
 * rows whose content is the same keep their identity, so memoised bubbles skip the render, and an
 * unchanged thread keeps the same array.
 */
export function stabiliseRows(next: ThreadRow[], prev: readonly ThreadRow[]): readonly ThreadRow[] {
  const byKey = new Map(prev.map((r) => [r.key, r]));
  let same = next.length === prev.length;
  const out = next.map((r, i) => {
    const old = byKey.get(r.key);
    const keep = old && sameRow(old, r) ? old : r;
    if (keep !== prev[i]) same = false;
    return keep;
  });
  return same ? prev : out;
}
