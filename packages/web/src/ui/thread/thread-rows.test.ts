import type { Message, ThreadItem } from '@parley/sync';
import { describe, expect, it } from 'vitest';
import { buildThreadRows, messageSummary, stabiliseRows } from './thread-rows.ts';

let n = 0;
function msg(p: Partial<Message>): ThreadItem {
  n += 1;
  const m: Message = {
    id: `m${n}`,
    conversationId: 'c1',
    direction: 'in',
    kind: 'text',
    body: { body: `text ${n}` },
    status: 'received',
    waMessageId: `wamid.${n}`,
    clientId: null,
    authorId: null,
    error: null,
    createdAt: `2026-03-01T10:00:${String(n).padStart(2, '0')}Z`,
    version: n,
    ...p,
  };
  return { itemType: 'message', key: `m:${m.id}`, message: m, optimistic: null };
}

describe('thread rows', () => {
  it('puts a day separator before the first message of each day', () => {
    const rows = buildThreadRows([
      msg({ createdAt: '2026-03-01T10:00:00Z' }),
      msg({ createdAt: '2026-03-01T11:00:00Z' }),
      msg({ createdAt: '2026-03-02T09:00:00Z' }),
    ]);
    expect(rows.map((r) => r.kind)).toEqual(['day', 'item', 'item', 'day', 'item']);
  });

  it('folds a reaction onto the message it reacts to; the latest reaction wins', () => {
    const target = msg({ direction: 'out', waMessageId: 'wamid.T', body: { body: 'Your order shipped' } });
    const rows = buildThreadRows([
      target,
      msg({ kind: 'reaction', body: { targetWaMessageId: 'wamid.T', emoji: '👍' } }),
      msg({ kind: 'reaction', body: { targetWaMessageId: 'wamid.T', emoji: '❤️' } }),
    ]);
    const items = rows.filter((r) => r.kind === 'item');
    expect(items).toHaveLength(1);
    expect(items[0]?.kind === 'item' && items[0].reactions).toEqual(['❤️']);
  });

  it('removes a reaction the customer took back', () => {
    const rows = buildThreadRows([
      msg({ waMessageId: 'wamid.T' }),
      msg({ kind: 'reaction', body: { targetWaMessageId: 'wamid.T', emoji: '👍' } }),
      msg({ kind: 'reaction', body: { targetWaMessageId: 'wamid.T', emoji: null } }),
    ]);
    const item = rows.find((r) => r.kind === 'item');
    expect(item?.kind === 'item' && item.reactions).toEqual([]);
  });

  it('keeps a reaction to a message that is not loaded as its own row', () => {
    const rows = buildThreadRows([
      msg({ kind: 'reaction', body: { targetWaMessageId: 'wamid.OLD', emoji: '👍' } }),
    ]);
    expect(rows.filter((r) => r.kind === 'item')).toHaveLength(1);
  });

  it('links a reply to the message it quotes, or says it is not loaded', () => {
    const quoted = msg({ direction: 'out', waMessageId: 'wamid.Q', body: { body: 'Friday at 3?' } });
    const reply = msg({ body: { body: 'Yes', context: { waMessageId: 'wamid.Q' } } });
    const orphan = msg({ body: { body: 'And this?', context: { waMessageId: 'wamid.GONE' } } });
    const rows = buildThreadRows([quoted, reply, orphan]).filter((r) => r.kind === 'item');
    expect(rows[1]?.kind === 'item' && rows[1].quoted?.id).toBe(
      quoted.itemType === 'message' && quoted.message.id,
    );
    expect(rows[2]?.kind === 'item' && rows[2].quoted).toBeNull();
    expect(rows[0]?.kind === 'item' && rows[0].quoted).toBeUndefined();
  });

  it('summarises media without text for quotes', () => {
    const m = msg({ kind: 'document', body: { filename: 'invoice.pdf', mediaId: 'x' } });
    expect(m.itemType === 'message' && messageSummary(m.message)).toBe('📄 invoice.pdf');
  });
});

describe('stable thread rows', () => {
  it('keeps the row objects (and the array) when the items are rebuilt with the same content', () => {
    const a = msg({});
    const b = msg({});
    const first = buildThreadRows([a, b]);
    const rebuilt = buildThreadRows([{ ...a }, { ...b }]);
    expect(stabiliseRows(rebuilt, first)).toBe(first);
  });

  it('replaces only the row whose message changed', () => {
    const a = msg({});
    const b = msg({ direction: 'out', status: 'sent' });
    const first = buildThreadRows([a, b]);
    const bMsg = b.itemType === 'message' ? b.message : null;
    const changed: ThreadItem = { ...b, message: { ...bMsg!, status: 'read' } } as ThreadItem;
    const next = stabiliseRows(buildThreadRows([{ ...a }, changed]), first);
    expect(next).not.toBe(first);
    expect(next[1]).toBe(first[1]);
    expect(next[2]).not.toBe(first[2]);
  });
});
