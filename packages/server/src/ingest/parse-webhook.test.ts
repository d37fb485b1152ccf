import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type InboundMessage,
  type MessagesChange,
  NotAnEnvelopeError,
  type OtherFieldChange,
  type ParsedWebhook,
  parseWebhook,
  routeEnvelope,
} from './parse-webhook.ts';
import {
  CUSTOMER,
  contact,
  entry,
  envelope,
  message,
  messagesChange,
  PHONE_NUMBER_ID,
  single,
  status,
  WABA_ID,
} from './webhook-builders.test-support.ts';

// The recorded payloads live in the repository's fixtures/ folder (fixtures/README.md says what they are).
const FIXTURES = new URL('../../../../fixtures/whatsapp/', import.meta.url);
const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const loadFixture = (file: string): unknown => JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));

const messagesChanges = (parsed: ParsedWebhook) =>
  parsed.changes.filter((c): c is MessagesChange => c.field === 'messages');
const allMessages = (parsed: ParsedWebhook): InboundMessage[] =>
  messagesChanges(parsed).flatMap((c) => c.messages);
const onlyMessage = (parsed: ParsedWebhook): InboundMessage => {
  const messages = allMessages(parsed);
  expect(messages).toHaveLength(1);
  return messages[0]!;
};

describe('the shared WhatsApp fixtures', () => {
  // Every fixture must be listed here, so a new one is noticed rather than silently passing.
  const expectedKind: Record<string, string> = {
    'inbound-audio-voice.json': 'audio',
    'inbound-contacts.json': 'contacts',
    'inbound-document.json': 'document',
    'inbound-image-caption.json': 'image',
    'inbound-interactive-button-reply.json': 'interactive',
    'inbound-interactive-list-reply.json': 'interactive',
    'inbound-location.json': 'location',
    'inbound-reaction.json': 'reaction',
    'inbound-reply-with-context.json': 'text',
    'inbound-text.json': 'text',
    'inbound-unsupported.json': 'unsupported',
    'status-delivered.json': 'status:delivered',
    'status-read.json': 'status:read',
    'status-sent.json': 'status:sent',
  };

  it('are all known to this test', () => {
    expect(fixtureFiles.length).toBeGreaterThan(0);
    expect(fixtureFiles.sort()).toEqual(Object.keys(expectedKind).sort());
  });

  it.each(fixtureFiles)('%s parses without problems into the expected kind', (file) => {
    const parsed = parseWebhook(loadFixture(file));
    expect(parsed.problems).toEqual([]);
    const [change, ...rest] = messagesChanges(parsed);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      wabaId: WABA_ID,
      phoneNumberId: PHONE_NUMBER_ID,
      displayPhoneNumber: '15550783881',
    });
    const kinds = [
      ...change!.messages.map((m) => m.kind),
      ...change!.statuses.map((s) => `status:${s.status}`),
    ];
    expect(kinds).toEqual([expectedKind[file]]);
  });

  it.each(fixtureFiles)('%s routes to its phone number id', (file) => {
    expect(routeEnvelope(loadFixture(file))).toEqual({
      phoneNumberIds: [PHONE_NUMBER_ID],
      wabaIds: [WABA_ID],
    });
  });

  it('reads the sender, contact and Unix-seconds timestamp of a text message', () => {
    const parsed = parseWebhook(loadFixture('inbound-text.json'));
    const change = messagesChanges(parsed)[0]!;
    expect(change.contacts).toEqual([{ waId: CUSTOMER, userId: null, name: 'Ana Souza' }]);
    const msg = onlyMessage(parsed);
    expect(msg).toMatchObject({
      fromWaId: CUSTOMER,
      fromUserId: null,
      context: null,
      referral: null,
      errors: [],
    });
    expect(msg.timestamp.toISOString()).toBe('2024-11-24T14:53:20.000Z');
    expect(msg.body).toEqual({ kind: 'text', body: 'Hi, can I book a haircut for Friday at 3pm?' });
    expect(msg.raw).toMatchObject({ id: msg.waMessageId, type: 'text' });
  });

  it('keeps the replied-to message of a reply', () => {
    const msg = onlyMessage(parseWebhook(loadFixture('inbound-reply-with-context.json')));
    expect(msg.context).toEqual({
      waMessageId: 'wamid.OUT_OFFER_01',
      from: '15550783881',
      forwarded: false,
      frequentlyForwarded: false,
    });
  });

  it('reads voice notes, documents, images, locations, contact cards, list replies and reactions', () => {
    const body = (file: string) => onlyMessage(parseWebhook(loadFixture(file))).body;
    expect(body('inbound-audio-voice.json')).toMatchObject({
      kind: 'audio',
      voice: true,
      mimeType: 'audio/ogg; codecs=opus',
    });
    expect(body('inbound-document.json')).toMatchObject({ filename: 'invoice-2291.pdf', caption: 'Invoice' });
    expect(body('inbound-image-caption.json')).toMatchObject({
      mediaId: '1003383421387256',
      caption: 'This is the receipt',
    });
    expect(body('inbound-location.json')).toMatchObject({ latitude: -23.5614, longitude: -46.6559 });
    expect(body('inbound-contacts.json')).toMatchObject({
      contacts: [
        {
          formattedName: 'Bruno Lima',
          phones: [{ waId: '16505559876' }],
          emails: [{ email: 'bruno@example.com' }],
        },
      ],
    });
    expect(body('inbound-interactive-list-reply.json')).toEqual({
      kind: 'interactive',
      interactiveType: 'list_reply',
      id: 'svc_beard',
      title: 'Beard trim',
      description: '20 minutes',
    });
    expect(body('inbound-reaction.json')).toEqual({
      kind: 'reaction',
      targetWaMessageId: 'wamid.OUT_CONFIRM_01',
      emoji: '👍',
    });
  });

  it('keeps Meta errors of an unsupported message', () => {
    const msg = onlyMessage(parseWebhook(loadFixture('inbound-unsupported.json')));
    const expected = {
      code: 131051,
      title: 'Message type unknown',
      message: 'Message type unknown',
      details: 'Message type is currently not supported.',
    };
    expect(msg.errors).toEqual([expected]);
    expect(msg.body).toEqual({
      kind: 'unsupported',
      originalType: 'unsupported',
      unsupportedType: null,
      errors: [expected],
    });
  });

  it('reads conversation and pricing of a sent status, and their absence on read', () => {
    const sent = messagesChanges(parseWebhook(loadFixture('status-sent.json')))[0]!.statuses[0]!;
    expect(sent).toMatchObject({ status: 'sent', recipientId: CUSTOMER, errors: [] });
    expect(sent.conversation).toEqual({
      id: 'CONVERSATION_ID_5e8f2c',
      originType: 'service',
      expiresAt: new Date(1732546500 * 1000),
    });
    expect(sent.pricing).toEqual({ billable: true, category: 'service', pricingModel: 'PMP' });
    const delivered = messagesChanges(parseWebhook(loadFixture('status-delivered.json')))[0]!.statuses[0]!;
    expect(delivered.conversation?.expiresAt).toBeNull();
    const read = messagesChanges(parseWebhook(loadFixture('status-read.json')))[0]!.statuses[0]!;
    expect(read).toMatchObject({ conversation: null, pricing: null });
    expect(read.timestamp).toEqual(new Date(1732460160 * 1000));
  });
});

describe('batches', () => {
  it('returns every message and status of 2 entries × 2 changes × 3 messages', () => {
    const entries = ['waba-1', 'waba-2'].map((waba) =>
      entry(
        ['pn-a', 'pn-b'].map((pn) =>
          messagesChange(
            {
              contacts: [contact(CUSTOMER)],
              messages: [1, 2, 3].map((n) => message('text', { text: { body: `${waba} ${pn} #${n}` } })),
              statuses: [status(`wamid.out-${waba}-${pn}`, 'delivered')],
            },
            `${waba}-${pn}`,
          ),
        ),
        waba,
      ),
    );
    const parsed = parseWebhook(envelope(...entries));
    expect(parsed.problems).toEqual([]);
    expect(parsed.changes.map((c) => `${c.wabaId}/${c.phoneNumberId}`)).toEqual([
      'waba-1/waba-1-pn-a',
      'waba-1/waba-1-pn-b',
      'waba-2/waba-2-pn-a',
      'waba-2/waba-2-pn-b',
    ]);
    expect(allMessages(parsed).map((m) => m.preview)).toHaveLength(12);
    expect(allMessages(parsed).at(-1)?.preview).toBe('waba-2 pn-b #3');
    expect(messagesChanges(parsed).flatMap((c) => c.statuses.map((s) => s.waMessageId))).toHaveLength(4);
    expect(routeEnvelope(envelope(...entries))).toEqual({
      phoneNumberIds: ['waba-1-pn-a', 'waba-1-pn-b', 'waba-2-pn-a', 'waba-2-pn-b'],
      wabaIds: ['waba-1', 'waba-2'],
    });
  });

  it('routes to each phone number once, however many changes name it', () => {
    const change = messagesChange({ statuses: [status('wamid.1', 'sent')] });
    expect(routeEnvelope(envelope(entry([change, change]), entry([change])))?.phoneNumberIds).toEqual([
      PHONE_NUMBER_ID,
    ]);
  });

  it('keeps a status that arrives in the same change as messages', () => {
    const parsed = parseWebhook(
      envelope(
        entry([
          messagesChange({
            messages: [message('text', { text: { body: 'hi' } })],
            statuses: [status('wamid.x', 'read')],
          }),
        ]),
      ),
    );
    const change = messagesChanges(parsed)[0]!;
    expect([change.messages.length, change.statuses.length]).toEqual([1, 1]);
  });
});

describe('fields other than messages', () => {
  it('reads a template status update, which has no phone number id', () => {
    const value = {
      event: 'REJECTED',
      message_template_id: 1234567890123,
      message_template_name: 'booking_confirmed',
      message_template_language: 'en_US',
      reason: 'INVALID_FORMAT',
    };
    const parsed = parseWebhook(envelope(entry([{ field: 'message_template_status_update', value }])));
    expect(parsed.problems).toEqual([]);
    const change = parsed.changes[0] as OtherFieldChange;
    expect(change).toEqual({
      field: 'message_template_status_update',
      wabaId: WABA_ID,
      phoneNumberId: null,
      value,
      templateStatus: {
        templateId: '1234567890123',
        name: 'booking_confirmed',
        language: 'en_US',
        event: 'REJECTED',
        reason: 'INVALID_FORMAT',
      },
    });
    expect(routeEnvelope(envelope(entry([{ field: 'message_template_status_update', value }])))).toEqual({
      phoneNumberIds: [],
      wabaIds: [WABA_ID],
    });
  });

  it('reads Meta\'s reason "NONE" as no reason', () => {
    const value = {
      event: 'APPROVED',
      message_template_id: 9,
      message_template_name: 'hi',
      message_template_language: 'pt_BR',
      reason: 'NONE',
    };
    const parsed = parseWebhook(envelope(entry([{ field: 'message_template_status_update', value }])));
    expect((parsed.changes[0] as OtherFieldChange).templateStatus?.reason).toBeNull();
  });

  it('keeps an account update as received, beside a messages change in the same entry', () => {
    const value = { phone_number: '15550783881', event: 'VERIFIED_ACCOUNT' };
    const parsed = parseWebhook(
      envelope(
        entry([
          { field: 'account_update', value },
          messagesChange({ statuses: [status('wamid.1', 'sent')] }),
        ]),
      ),
    );
    expect(parsed.changes.map((c) => c.field)).toEqual(['account_update', 'messages']);
    expect(parsed.changes[0]).toEqual({
      field: 'account_update',
      wabaId: WABA_ID,
      phoneNumberId: null,
      value,
    });
  });

  it('keeps a template status change it cannot read, with a problem', () => {
    const value = { event: 'APPROVED' };
    const parsed = parseWebhook(envelope(entry([{ field: 'message_template_status_update', value }])));
    expect(parsed.changes).toEqual([
      { field: 'message_template_status_update', wabaId: WABA_ID, phoneNumberId: null, value },
    ]);
    expect(parsed.problems).toEqual([
      expect.stringMatching(/^entry\[0\]\.changes\[0\]\.value: template status not understood/),
    ]);
  });
});

describe('business-scoped user ids (usernames)', () => {
  it('identifies a contact that has only a user_id', () => {
    const payload = envelope(
      entry([
        messagesChange({
          contacts: [contact(null, 'Bob', 'US.13491208655302741918')],
          messages: [
            {
              from_user_id: 'US.13491208655302741918',
              id: 'wamid.B1',
              timestamp: '1732460000',
              type: 'text',
              text: { body: 'hi' },
            },
          ],
        }),
      ]),
    );
    const parsed = parseWebhook(payload);
    expect(parsed.problems).toEqual([]);
    const change = messagesChanges(parsed)[0]!;
    expect(change.contacts).toEqual([{ waId: null, userId: 'US.13491208655302741918', name: 'Bob' }]);
    expect(onlyMessage(parsed)).toMatchObject({ fromWaId: null, fromUserId: 'US.13491208655302741918' });
  });

  it('keeps both ids when Meta sends both', () => {
    const parsed = parseWebhook(single(message('text', { text: { body: 'hi' } }, { from_user_id: 'BR.15' })));
    expect(onlyMessage(parsed)).toMatchObject({ fromWaId: CUSTOMER, fromUserId: 'BR.15' });
  });
});

describe("payloads that are not Meta's envelope", () => {
  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an array', [{ object: 'whatsapp_business_account' }]],
    ['another object type', { object: 'page', entry: [] }],
    ['no entry array', { object: 'whatsapp_business_account', entry: {} }],
  ])('throws NotAnEnvelopeError for %s, and routeEnvelope answers null', (_, payload) => {
    expect(() => parseWebhook(payload)).toThrow(NotAnEnvelopeError);
    expect(routeEnvelope(payload)).toBeNull();
  });

  it('says what was expected', () => {
    expect(() => parseWebhook({ object: 'page', entry: [] })).toThrow(
      /"object" is "page".*whatsapp_business_account/,
    );
  });

  it('accepts an envelope with no entries', () => {
    expect(parseWebhook(envelope())).toEqual({ changes: [], problems: [], setAside: [] });
  });
});

describe('malformed items are skipped with a record, never thrown', () => {
  it('skips a message without an id or a sender, keeping its neighbours', () => {
    const good = message('text', { text: { body: 'kept' } });
    const payload = envelope(
      entry([
        messagesChange({
          messages: [
            { from: CUSTOMER, timestamp: '1', type: 'text', text: { body: 'x' } },
            'junk',
            good,
            { id: 'wamid.nofrom', timestamp: '1', type: 'text' },
          ],
        }),
      ]),
    );
    const parsed = parseWebhook(payload);
    expect(allMessages(parsed).map((m) => m.waMessageId)).toEqual([good['id']]);
    expect(parsed.problems).toHaveLength(3);
    expect(parsed.problems[0]).toMatch(
      /^entry\[0\]\.changes\[0\]\.value\.messages\[0\]: message skipped \(id:/,
    );
    expect(parsed.problems[1]).toMatch(/messages\[1\]: message is not an object/);
    expect(parsed.problems[2]).toMatch(
      /messages\[3\]: message skipped \(a message needs from or from_user_id\)/,
    );
  });

  it('skips a message whose timestamp is not Unix seconds', () => {
    const parsed = parseWebhook(
      single(message('text', { text: { body: 'x' } }, { timestamp: '2024-11-24T14:53:20Z' })),
    );
    expect(allMessages(parsed)).toEqual([]);
    expect(parsed.problems).toEqual([expect.stringContaining('timestamp')]);
  });

  it('stores a known type with a malformed payload as unknown, with a problem naming the field', () => {
    const bad = message('image', { image: { caption: 'no id' } });
    const parsed = parseWebhook(single(bad));
    const msg = onlyMessage(parsed);
    expect(msg.kind).toBe('unknown');
    expect(msg.body).toEqual({ kind: 'unknown', originalType: 'image', raw: bad });
    expect(parsed.problems).toEqual([
      expect.stringMatching(
        /messages\[0\] \(wamid\.T\d+\): malformed image message, stored as unknown \(image\.id:/,
      ),
    ]);
  });

  it('stores a message with no type as unknown', () => {
    const parsed = parseWebhook(single({ from: CUSTOMER, id: 'wamid.nt', timestamp: '1732460000' }));
    expect(onlyMessage(parsed).body).toMatchObject({ kind: 'unknown', originalType: '' });
    expect(parsed.problems).toEqual([expect.stringContaining('no type')]);
  });

  it('skips malformed statuses, contacts, changes and entries', () => {
    const payload = envelope(
      entry([
        messagesChange({
          contacts: [{ profile: { name: 'nobody' } }, contact(CUSTOMER)],
          statuses: [{ id: 'wamid.1', timestamp: '1' }, status('wamid.2', 'read')],
        }),
        { field: 'messages', value: { messages: [] } },
        { field: 'messages' },
        { value: {} },
      ]),
      { changes: [] },
      7,
    );
    const parsed = parseWebhook(payload);
    const change = messagesChanges(parsed)[0]!;
    expect(change.contacts.map((c) => c.waId)).toEqual([CUSTOMER]);
    expect(change.statuses.map((s) => s.waMessageId)).toEqual(['wamid.2']);
    expect(parsed.changes).toHaveLength(1);
    expect(parsed.problems).toEqual([
      expect.stringMatching(
        /changes\[0\]\.value\.contacts\[0\]: contact skipped \(a contact needs wa_id or user_id\)/,
      ),
      expect.stringMatching(/changes\[0\]\.value\.statuses\[0\]: status skipped \(status:/),
      expect.stringMatching(/changes\[1\]\.value: messages change without value\.metadata\.phone_number_id/),
      expect.stringMatching(/changes\[2\]: messages change has no value object/),
      expect.stringMatching(/changes\[3\]: change has no field/),
      expect.stringMatching(/^entry\[1\]: entry has no id/),
      expect.stringMatching(/^entry\[2\]: entry is not an object/),
    ]);
  });

  it('keeps a status whose billing details are malformed, recording the problem', () => {
    const parsed = parseWebhook(
      envelope(
        entry([
          messagesChange({
            statuses: [
              status('wamid.1', 'delivered', '1732460102', {
                conversation: { origin: 'x' },
                pricing: 'free',
              }),
            ],
          }),
        ]),
      ),
    );
    expect(messagesChanges(parsed)[0]!.statuses[0]).toMatchObject({
      status: 'delivered',
      conversation: null,
      pricing: null,
    });
    expect(parsed.problems).toEqual([
      expect.stringContaining('(wamid.1): conversation ignored'),
      expect.stringContaining('(wamid.1): pricing ignored'),
    ]);
  });

  it('keeps a message whose context is malformed, without the context', () => {
    const parsed = parseWebhook(single(message('text', { text: { body: 'x' } }, { context: { id: 42 } })));
    expect(onlyMessage(parsed).context).toBeNull();
    expect(parsed.problems).toEqual([expect.stringContaining('context ignored')]);
  });
});
