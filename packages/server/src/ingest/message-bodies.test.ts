import { describe, expect, it } from 'vitest';
import { parseMessageBody } from './message-bodies.ts';
import { PREVIEW_MAX_LENGTH, truncate } from './message-preview.ts';
import { type InboundMessage, parseWebhook } from './parse-webhook.ts';
import { type Json, message, single } from './webhook-builders.test-support.ts';

/** Parses one message through the whole webhook and insists nothing was reported. */
function parseOne(type: string, payload: Json, extra: Json = {}): InboundMessage {
  const parsed = parseWebhook(single(message(type, payload, extra)));
  expect(parsed.problems).toEqual([]);
  const change = parsed.changes[0];
  if (change?.field !== 'messages' || !('messages' in change)) throw new Error('expected a messages change');
  expect(change.messages).toHaveLength(1);
  return change.messages[0]!;
}

const media = { id: '1200', mime_type: 'video/mp4', sha256: 'abc=' };

describe('media bodies', () => {
  it('reads a video with its caption', () => {
    const msg = parseOne('video', { video: { ...media, caption: 'Our shop' } });
    expect(msg.body).toEqual({
      kind: 'video',
      mediaId: '1200',
      mimeType: 'video/mp4',
      sha256: 'abc=',
      caption: 'Our shop',
    });
    expect(msg.preview).toBe('🎥 Video: Our shop');
  });

  it('reads an animated sticker', () => {
    const msg = parseOne('sticker', { sticker: { ...media, mime_type: 'image/webp', animated: true } });
    expect(msg.body).toMatchObject({ kind: 'sticker', animated: true, mimeType: 'image/webp' });
    expect(msg.preview).toBe('💟 Sticker');
  });

  it('tells an audio file from a voice note', () => {
    const msg = parseOne('audio', { audio: { ...media, mime_type: 'audio/mpeg', voice: false } });
    expect(msg.body).toMatchObject({ kind: 'audio', voice: false });
    expect(msg.preview).toBe('🎵 Audio');
  });

  it('keeps the download url some webhooks include', () => {
    const msg = parseOne('image', { image: { ...media, url: 'https://lookaside.fbsbx.com/x' } });
    expect(msg.body).toMatchObject({ kind: 'image', url: 'https://lookaside.fbsbx.com/x' });
    expect(msg.preview).toBe('📷 Photo');
  });

  it('accepts media without mime type or hash, since the media id is enough to fetch it', () => {
    expect(parseOne('document', { document: { id: '77' } }).body).toEqual({
      kind: 'document',
      mediaId: '77',
      mimeType: null,
      sha256: null,
    });
  });
});

describe('location, contacts, order', () => {
  it('reads coordinates sent as numeric strings', () => {
    const msg = parseOne('location', { location: { latitude: '38.7', longitude: '-9.14' } });
    expect(msg.body).toEqual({ kind: 'location', latitude: 38.7, longitude: -9.14 });
    expect(msg.preview).toBe('📍 Location');
  });

  it('composes a name for a contact card without formatted_name', () => {
    const msg = parseOne('contacts', {
      contacts: [
        {
          name: { first_name: 'Rui', last_name: 'Costa' },
          phones: [{ phone: '+351 912 345 678', type: 'HOME' }],
        },
        { name: { formatted_name: 'Eva' }, org: { company: 'Acme' }, urls: [{ url: 'https://acme.test' }] },
      ],
    });
    if (msg.body.kind !== 'contacts') throw new Error(msg.body.kind);
    expect(msg.body.contacts.map((c) => c.formattedName)).toEqual(['Rui Costa', 'Eva']);
    expect(msg.body.contacts[0]?.phones).toEqual([{ phone: '+351 912 345 678', waId: null, type: 'HOME' }]);
    expect(msg.body.contacts[1]).toMatchObject({
      org: { company: 'Acme' },
      urls: [{ url: 'https://acme.test', type: null }],
    });
    expect(msg.preview).toBe('👤 2 contacts');
  });

  it('reads an order with its items', () => {
    const msg = parseOne('order', {
      order: {
        catalog_id: 'cat-1',
        text: 'For Friday',
        product_items: [
          { product_retailer_id: 'sku-1', quantity: 2, item_price: 12.5, currency: 'EUR' },
          { product_retailer_id: 'sku-2', quantity: '1', item_price: '3', currency: 'EUR' },
        ],
      },
    });
    expect(msg.body).toEqual({
      kind: 'order',
      catalogId: 'cat-1',
      text: 'For Friday',
      items: [
        { productRetailerId: 'sku-1', quantity: 2, itemPrice: 12.5, currency: 'EUR' },
        { productRetailerId: 'sku-2', quantity: 1, itemPrice: 3, currency: 'EUR' },
      ],
    });
    expect(msg.preview).toBe('🛒 Order (3 items): For Friday');
  });
});

describe('replies and reactions', () => {
  it('reads a template quick-reply button', () => {
    const msg = parseOne(
      'button',
      { button: { payload: 'CONFIRM', text: 'Yes' } },
      { context: { from: '1555', id: 'wamid.TPL' } },
    );
    expect(msg.body).toEqual({ kind: 'button', payload: 'CONFIRM', text: 'Yes' });
    expect(msg.context?.waMessageId).toBe('wamid.TPL');
    expect(msg.preview).toBe('Yes');
  });

  it('reads a Flow reply, parsing its response document', () => {
    const msg = parseOne('interactive', {
      interactive: {
        type: 'nfm_reply',
        nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t1","slot":"15:00"}' },
      },
    });
    expect(msg.body).toEqual({
      kind: 'interactive',
      interactiveType: 'nfm_reply',
      id: null,
      title: 'Sent',
      flow: { name: 'flow', body: 'Sent', response: { flow_token: 't1', slot: '15:00' } },
    });
  });

  it('keeps an interactive subtype Parley does not know, with its sub-object', () => {
    const msg = parseOne('interactive', {
      interactive: { type: 'call_permission_reply', call_permission_reply: { response: 'accept' } },
    });
    expect(msg.body).toEqual({
      kind: 'interactive',
      interactiveType: 'call_permission_reply',
      id: null,
      title: null,
      reply: { response: 'accept' },
    });
    expect(msg.preview).toBe('↩️ Reply');
  });

  it.each([
    ['an empty emoji', { message_id: 'wamid.OUT', emoji: '' }],
    ['no emoji', { message_id: 'wamid.OUT' }],
  ])('reads a reaction with %s as removed', (_, reaction) => {
    const msg = parseOne('reaction', { reaction });
    expect(msg.body).toEqual({ kind: 'reaction', targetWaMessageId: 'wamid.OUT', emoji: null });
    expect(msg.preview).toBe('Removed a reaction');
  });
});

describe('context and referral', () => {
  it('reads a forwarded message, which replies to nothing', () => {
    const msg = parseOne(
      'text',
      { text: { body: 'fwd' } },
      { context: { forwarded: true, frequently_forwarded: true } },
    );
    expect(msg.context).toEqual({
      waMessageId: null,
      from: null,
      forwarded: true,
      frequentlyForwarded: true,
    });
  });

  it('reads a question about a catalog product', () => {
    const msg = parseOne(
      'text',
      { text: { body: 'in blue?' } },
      {
        context: {
          from: '1555',
          id: 'wamid.P',
          referred_product: { catalog_id: 'cat-1', product_retailer_id: 'sku-9' },
        },
      },
    );
    expect(msg.context?.referredProduct).toEqual({ catalogId: 'cat-1', productRetailerId: 'sku-9' });
  });

  it('keeps a click-to-WhatsApp ad referral as sent', () => {
    const referral = {
      source_url: 'https://fb.me/ad',
      source_id: 'ad-1',
      source_type: 'ad',
      headline: 'Haircut -20%',
      media_type: 'image',
      ctwa_clid: 'clid-1',
    };
    expect(parseOne('text', { text: { body: 'Hi from the ad' } }, { referral }).referral).toEqual(referral);
  });
});

describe('system notices', () => {
  it('reads a number change', () => {
    const msg = parseOne('system', {
      system: {
        body: 'User A changed from 16505551234 to 16505550000',
        type: 'user_changed_number',
        wa_id: '16505550000',
        user_id: 'US.2',
        previous_user_id: 'US.1',
      },
    });
    expect(msg.body).toEqual({
      kind: 'system',
      systemType: 'user_changed_number',
      body: 'User A changed from 16505551234 to 16505550000',
      newWaId: '16505550000',
      userId: 'US.2',
      previousUserId: 'US.1',
    });
    expect(msg.preview).toBe('User A changed from 16505551234 to 16505550000');
  });

  it('reads the legacy shape with new_wa_id and identity', () => {
    const msg = parseOne('system', {
      system: { body: 'changed', type: 'customer_changed_number', new_wa_id: 16505550000, identity: 'h1' },
    });
    expect(msg.body).toMatchObject({
      systemType: 'customer_changed_number',
      newWaId: '16505550000',
      identity: 'h1',
    });
  });
});

describe('types Meta or Parley cannot render', () => {
  it('keeps the errors and the unsupported subtype of an unsupported message', () => {
    const msg = parseOne('unsupported', {
      unsupported: { type: 'poll_creation' },
      errors: [{ code: 131051, title: 'Message type unknown', error_data: { details: 'not supported' } }],
    });
    expect(msg.body).toEqual({
      kind: 'unsupported',
      originalType: 'unsupported',
      unsupportedType: 'poll_creation',
      errors: [{ code: 131051, title: 'Message type unknown', message: null, details: 'not supported' }],
    });
  });

  it('stores a type Parley does not know as unknown with the raw message, without a problem', () => {
    const raw = message('ephemeral', { ephemeral: { seconds: 5 } });
    const parsed = parseWebhook(single(raw));
    expect(parsed.problems).toEqual([]);
    const change = parsed.changes[0];
    const msg = change && 'messages' in change ? change.messages[0] : undefined;
    expect(msg?.kind).toBe('unknown');
    expect(msg?.body).toEqual({ kind: 'unknown', originalType: 'ephemeral', raw });
    expect(msg?.preview).toBe('⚠️ Unsupported message (ephemeral)');
  });

  it('does not treat inherited object keys as known types', () => {
    expect(parseMessageBody('toString', { type: 'toString' }).body.kind).toBe('unknown');
  });
});

describe('previews', () => {
  it('truncates long text to 140 characters with an ellipsis', () => {
    const msg = parseOne('text', { text: { body: 'a'.repeat(500) } });
    expect(msg.preview).toHaveLength(PREVIEW_MAX_LENGTH);
    expect(msg.preview.endsWith('…')).toBe(true);
    expect(msg.body).toMatchObject({ body: 'a'.repeat(500) });
  });

  it('flattens line breaks', () => {
    expect(truncate('first line\n\nsecond')).toBe('first line second');
  });

  it('never cuts an emoji in half', () => {
    const preview = truncate('👨‍👩‍👧'.repeat(200));
    expect(preview.endsWith('👨‍👩‍👧…')).toBe(true);
    // A lone surrogate would not survive a UTF-8 round trip.
    expect(Buffer.from(preview, 'utf8').toString('utf8')).toBe(preview);
  });
});
