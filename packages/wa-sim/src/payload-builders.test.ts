import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY_PHONE_NUMBER, DEFAULT_PHONE_NUMBER_ID, DEFAULT_WABA_ID } from './defaults.ts';
import { newWamid } from './ids.ts';
import { REENGAGEMENT_DETAILS, webhookError } from './meta-errors.ts';
import {
  buildButtonMessage,
  buildButtonReplyMessage,
  buildContact,
  buildContactsMessage,
  buildEnvelope,
  buildFlowReplyMessage,
  buildListReplyMessage,
  buildLocationMessage,
  buildMediaMessage,
  buildMessagesValue,
  buildOrderMessage,
  buildReactionMessage,
  buildStatus,
  buildSystemMessage,
  buildTemplateStatusValue,
  buildTextMessage,
  buildUnsupportedMessage,
  messagesChange,
} from './payload-builders.ts';
import { conversationFor, pricingFor } from './status-details.ts';
import { webhookEnvelopeSchema } from './webhook-schema.ts';
import type { WebhookMessage } from './webhook-types.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(webhookEnvelopeSchema);
const channel = {
  phoneNumberId: DEFAULT_PHONE_NUMBER_ID,
  displayPhoneNumber: DEFAULT_DISPLAY_PHONE_NUMBER,
  wabaId: DEFAULT_WABA_ID,
};
const from = '16505551234';
const at = 1_732_460_000_000;
const media = {
  id: '1003383421387256',
  mime_type: 'image/jpeg',
  sha256: 'k7k4nbyxLi8GBmVw2U8eT4c2b3Hk1hB7ZzvRk3ZzL3Q=',
};

function valid(body: unknown): string {
  return validate(body) ? 'valid' : ajv.errorsText(validate.errors);
}

function inEnvelope(message: WebhookMessage) {
  const value = buildMessagesValue(channel, {
    contacts: [buildContact(from, 'Ana Souza')],
    messages: [message],
  });
  return buildEnvelope([messagesChange(channel, value)]);
}

const fixtureDir = join(import.meta.dirname, '../../../fixtures/whatsapp');

describe('the webhook JSON schema', () => {
  const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.json'));
  it.each(files)('accepts the recorded fixture %s', (file) => {
    expect(valid(JSON.parse(readFileSync(join(fixtureDir, file), 'utf8')))).toBe('valid');
  });

  it('rejects a message that names no sender (neither from nor from_user_id)', () => {
    const anonymous = inEnvelope(buildTextMessage({ from, body: 'hi', withholdPhone: true }));
    expect(valid(anonymous)).not.toBe('valid');
  });

  it('rejects a message whose body is missing under its type key', () => {
    const broken = inEnvelope({ ...buildTextMessage({ from, body: 'hi' }), text: undefined });
    expect(valid(JSON.parse(JSON.stringify(broken)))).not.toBe('valid');
  });
});

describe('message builders produce Meta-shaped payloads', () => {
  const ctx = { from: DEFAULT_DISPLAY_PHONE_NUMBER, id: newWamid(from, true) };
  const cases: Array<[string, WebhookMessage]> = [
    ['text', buildTextMessage({ from, at, body: 'Hi' })],
    ['reply with context', buildTextMessage({ from, body: 'That one', context: ctx })],
    ['image', buildMediaMessage('image', { from, media: { ...media, caption: 'receipt' } })],
    [
      'voice note',
      buildMediaMessage('audio', {
        from,
        media: { ...media, mime_type: 'audio/ogg; codecs=opus', voice: true },
      }),
    ],
    ['video', buildMediaMessage('video', { from, media: { ...media, mime_type: 'video/mp4' } })],
    [
      'document',
      buildMediaMessage('document', {
        from,
        media: { ...media, filename: 'a.pdf', mime_type: 'application/pdf' },
      }),
    ],
    [
      'sticker',
      buildMediaMessage('sticker', { from, media: { ...media, mime_type: 'image/webp', animated: false } }),
    ],
    ['location', buildLocationMessage({ from, latitude: -23.56, longitude: -46.65, name: 'Store' })],
    [
      'contacts',
      buildContactsMessage({
        from,
        contacts: [{ name: { formatted_name: 'Bruno' }, phones: [{ phone: '+1 650' }] }],
      }),
    ],
    ['button_reply', buildButtonReplyMessage({ from, replyId: 'yes', title: 'Yes', context: ctx })],
    ['list_reply', buildListReplyMessage({ from, replyId: 'a', title: 'A', description: 'first' })],
    ['flow reply', buildFlowReplyMessage({ from, response: { date: '2026-12-04' }, context: ctx })],
    ['template button', buildButtonMessage({ from, payload: 'STOP', text: 'Stop promotions', context: ctx })],
    ['reaction', buildReactionMessage({ from, messageId: ctx.id, emoji: '👍' })],
    ['reaction removed', buildReactionMessage({ from, messageId: ctx.id })],
    [
      'order',
      buildOrderMessage({
        from,
        catalogId: '123',
        items: [{ product_retailer_id: 'sku-1', quantity: 2, item_price: 9.5, currency: 'USD' }],
      }),
    ],
    ['system', buildSystemMessage({ from, newWaId: '16505550000' })],
    [
      'referral',
      buildTextMessage({
        from,
        body: 'Is this available?',
        referral: { source_url: 'https://fb.me/x', source_id: '1', source_type: 'ad', media_type: 'image' },
      }),
    ],
    ['unsupported', buildUnsupportedMessage({ from })],
  ];

  it.each(cases)('%s', (_name, message) => {
    expect(valid(inEnvelope(message))).toBe('valid');
  });

  it('writes timestamps as unix seconds in a string', () => {
    expect(buildTextMessage({ from, at, body: 'x' }).timestamp).toBe('1732460000');
  });

  it('mints ids that look like wamids and differ each time', () => {
    const a = buildTextMessage({ from, body: 'x' }).id;
    expect(a).toMatch(/^wamid\.HBg[A-Za-z0-9+/=]+$/);
    expect(buildTextMessage({ from, body: 'x' }).id).not.toBe(a);
  });
});

describe('status builders', () => {
  const id = newWamid(from, true);
  it('sent carries conversation (with expiry) and pricing', () => {
    const status = buildStatus({
      id,
      recipientId: from,
      status: 'sent',
      conversation: conversationFor('c1', 'service', at + 86_400_000),
      pricing: pricingFor('service'),
    });
    const body = buildEnvelope([
      messagesChange(channel, buildMessagesValue(channel, { statuses: [status] })),
    ]);
    expect(valid(body)).toBe('valid');
    expect(status.conversation?.expiration_timestamp).toMatch(/^\d{10}$/);
  });

  it('failed needs errors[] and carries the 131047 re-engagement error', () => {
    const failed = buildStatus({
      id,
      recipientId: from,
      status: 'failed',
      errors: [webhookError('reengagement', REENGAGEMENT_DETAILS)],
    });
    const body = buildEnvelope([
      messagesChange(channel, buildMessagesValue(channel, { statuses: [failed] })),
    ]);
    expect(valid(body)).toBe('valid');
    expect(failed.errors?.[0]?.code).toBe(131047);
    const { errors: _dropped, ...withoutErrors } = failed;
    const bad = buildEnvelope([
      messagesChange(channel, buildMessagesValue(channel, { statuses: [withoutErrors] })),
    ]);
    expect(valid(bad)).not.toBe('valid');
  });

  it('value-level errors[] are valid on their own', () => {
    const value = buildMessagesValue(channel, { errors: [webhookError('undeliverable', 'x')] });
    expect(valid(buildEnvelope([messagesChange(channel, value)]))).toBe('valid');
  });
});

describe('buildEnvelope', () => {
  const other = {
    phoneNumberId: '200000000000001',
    displayPhoneNumber: '15550000001',
    wabaId: '300000000000001',
  };
  const change = (c: typeof channel, body: string, who = from) =>
    messagesChange(
      c,
      buildMessagesValue(c, {
        contacts: [buildContact(who, 'X')],
        messages: [buildTextMessage({ from: who, body })],
      }),
    );

  it('merges messages of one number into one value and dedups contacts', () => {
    const env = buildEnvelope([
      change(channel, 'a'),
      change(channel, 'b'),
      change(channel, 'c', '16505550000'),
    ]);
    expect(valid(env)).toBe('valid');
    expect(env.entry).toHaveLength(1);
    const value = env.entry[0]?.changes[0]?.value;
    expect(value && 'messages' in value ? value.messages?.map((m) => m.text?.body) : []).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(value && 'contacts' in value ? value.contacts?.length : 0).toBe(2);
  });

  it('puts each WABA in its own entry', () => {
    const env = buildEnvelope([change(channel, 'a'), change(other, 'b')]);
    expect(env.entry.map((e) => e.id)).toEqual([DEFAULT_WABA_ID, other.wabaId]);
    expect(valid(env)).toBe('valid');
  });

  it('wraps template status updates with the entry time', () => {
    const value = buildTemplateStatusValue({
      event: 'REJECTED',
      templateId: '1234567',
      name: 'promo',
      language: 'en_US',
    });
    const env = buildEnvelope(
      [{ wabaId: DEFAULT_WABA_ID, change: { field: 'message_template_status_update', value } }],
      at,
    );
    expect(valid(env)).toBe('valid');
    expect(env.entry[0]?.time).toBe(1_732_460_000);
    expect(value.reason).toBe('INVALID_FORMAT');
  });
});
