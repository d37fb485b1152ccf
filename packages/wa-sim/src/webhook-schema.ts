import { STATUS_NAMES, TEMPLATE_EVENTS } from './webhook-types.ts';

// JSON Schema (draft-07) of Meta's webhook payloads as documented for the Cloud API, written
// independently of the builders so tests can check the builders against it. It is strict
// (additionalProperties: false) where Meta's documentation lists every field.

const digits = { type: 'string', pattern: '^[0-9]+$' } as const;
const unixString = { type: 'string', pattern: '^[0-9]{10}$' } as const;
const wamid = { type: 'string', pattern: '^wamid\\.[A-Za-z0-9+/=_-]+$' } as const;

const error = {
  type: 'object',
  required: ['code', 'title'],
  additionalProperties: false,
  properties: {
    code: { type: 'integer' },
    title: { type: 'string' },
    message: { type: 'string' },
    error_data: {
      type: 'object',
      required: ['details'],
      additionalProperties: false,
      properties: { details: { type: 'string' } },
    },
    href: { type: 'string' },
  },
} as const;

const media = (extra: Record<string, object>, required: string[] = []) =>
  ({
    type: 'object',
    required: ['id', 'mime_type', 'sha256', ...required],
    additionalProperties: false,
    properties: { id: digits, mime_type: { type: 'string' }, sha256: { type: 'string' }, ...extra },
  }) as const;

const typeBody: Record<string, object> = {
  text: {
    type: 'object',
    required: ['body'],
    additionalProperties: false,
    properties: { body: { type: 'string' } },
  },
  image: media({ caption: { type: 'string' } }),
  video: media({ caption: { type: 'string' } }),
  audio: media({ voice: { type: 'boolean' } }),
  document: media({ caption: { type: 'string' }, filename: { type: 'string' } }),
  sticker: media({ animated: { type: 'boolean' } }),
  location: {
    type: 'object',
    required: ['latitude', 'longitude'],
    additionalProperties: false,
    properties: {
      latitude: { type: 'number', minimum: -90, maximum: 90 },
      longitude: { type: 'number', minimum: -180, maximum: 180 },
      name: { type: 'string' },
      address: { type: 'string' },
      url: { type: 'string' },
    },
  },
  contacts: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['name'],
      properties: {
        name: {
          type: 'object',
          required: ['formatted_name'],
          properties: { formatted_name: { type: 'string' } },
        },
        phones: { type: 'array', items: { type: 'object', required: ['phone'] } },
        emails: { type: 'array', items: { type: 'object', required: ['email'] } },
      },
    },
  },
  interactive: {
    oneOf: [
      {
        type: 'object',
        required: ['type', 'button_reply'],
        additionalProperties: false,
        properties: {
          type: { const: 'button_reply' },
          button_reply: {
            type: 'object',
            required: ['id', 'title'],
            additionalProperties: false,
            properties: { id: { type: 'string' }, title: { type: 'string' } },
          },
        },
      },
      {
        type: 'object',
        required: ['type', 'list_reply'],
        additionalProperties: false,
        properties: {
          type: { const: 'list_reply' },
          list_reply: {
            type: 'object',
            required: ['id', 'title'],
            additionalProperties: false,
            properties: {
              id: { type: 'string' },
              title: { type: 'string' },
              description: { type: 'string' },
            },
          },
        },
      },
      {
        // A completed WhatsApp Flow: the form's answers as a JSON string.
        type: 'object',
        required: ['type', 'nfm_reply'],
        additionalProperties: false,
        properties: {
          type: { const: 'nfm_reply' },
          nfm_reply: {
            type: 'object',
            required: ['name', 'body', 'response_json'],
            additionalProperties: false,
            properties: {
              name: { type: 'string' },
              body: { type: 'string' },
              response_json: { type: 'string' },
            },
          },
        },
      },
    ],
  },
  button: {
    type: 'object',
    required: ['payload', 'text'],
    additionalProperties: false,
    properties: { payload: { type: 'string' }, text: { type: 'string' } },
  },
  reaction: {
    type: 'object',
    required: ['message_id'],
    additionalProperties: false,
    properties: { message_id: wamid, emoji: { type: 'string' } },
  },
  order: {
    type: 'object',
    required: ['catalog_id', 'product_items'],
    additionalProperties: false,
    properties: {
      catalog_id: { type: 'string' },
      text: { type: 'string' },
      product_items: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['product_retailer_id', 'quantity', 'item_price', 'currency'],
          additionalProperties: false,
          properties: {
            product_retailer_id: { type: 'string' },
            quantity: { type: 'integer', minimum: 1 },
            item_price: { type: 'number' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          },
        },
      },
    },
  },
  system: {
    type: 'object',
    required: ['body', 'type'],
    additionalProperties: false,
    properties: {
      body: { type: 'string' },
      type: { enum: ['user_changed_number', 'customer_identity_changed'] },
      new_wa_id: digits,
      wa_id: digits,
    },
  },
};

const messageTypes = [...Object.keys(typeBody), 'unsupported'];

const message = {
  type: 'object',
  required: ['id', 'timestamp', 'type'],
  additionalProperties: false,
  // Since the username rollout a message names its sender by number, by user id, or both.
  anyOf: [{ required: ['from'] }, { required: ['from_user_id'] }],
  properties: {
    from: digits,
    from_user_id: { type: 'string', minLength: 1 },
    id: wamid,
    timestamp: unixString,
    type: { enum: messageTypes },
    context: {
      type: 'object',
      additionalProperties: false,
      properties: {
        from: digits,
        id: wamid,
        forwarded: { type: 'boolean' },
        frequently_forwarded: { type: 'boolean' },
        referred_product: {
          type: 'object',
          required: ['catalog_id', 'product_retailer_id'],
          properties: { catalog_id: { type: 'string' }, product_retailer_id: { type: 'string' } },
        },
      },
    },
    referral: {
      type: 'object',
      required: ['source_url', 'source_id', 'source_type'],
      properties: {
        source_url: { type: 'string' },
        source_id: { type: 'string' },
        source_type: { enum: ['ad', 'post'] },
        media_type: { enum: ['image', 'video'] },
      },
    },
    errors: { type: 'array', items: error },
    ...typeBody,
  },
  // The body sits under the key named by `type`; an unsupported message carries errors instead.
  oneOf: [
    ...Object.keys(typeBody).map((t) => ({ properties: { type: { const: t } }, required: [t] })),
    { properties: { type: { const: 'unsupported' } }, required: ['errors'] },
  ],
} as const;

const status = {
  type: 'object',
  required: ['id', 'status', 'timestamp', 'recipient_id'],
  additionalProperties: false,
  properties: {
    id: wamid,
    status: { enum: STATUS_NAMES },
    timestamp: unixString,
    recipient_id: digits,
    conversation: {
      type: 'object',
      required: ['id', 'origin'],
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        expiration_timestamp: unixString,
        origin: {
          type: 'object',
          required: ['type'],
          properties: {
            type: { enum: ['service', 'utility', 'marketing', 'authentication', 'referral_conversion'] },
          },
        },
      },
    },
    pricing: {
      type: 'object',
      required: ['billable', 'pricing_model', 'category'],
      additionalProperties: false,
      properties: {
        billable: { type: 'boolean' },
        pricing_model: { enum: ['CBP', 'PMP'] },
        category: { type: 'string' },
        type: { type: 'string' },
      },
    },
    errors: { type: 'array', minItems: 1, items: error },
    biz_opaque_callback_data: { type: 'string' },
  },
  anyOf: [
    { properties: { status: { enum: ['sent', 'delivered', 'read'] } } },
    { properties: { status: { const: 'failed' } }, required: ['errors'] },
  ],
} as const;

const messagesValue = {
  type: 'object',
  required: ['messaging_product', 'metadata'],
  additionalProperties: false,
  properties: {
    messaging_product: { const: 'whatsapp' },
    metadata: {
      type: 'object',
      required: ['display_phone_number', 'phone_number_id'],
      additionalProperties: false,
      properties: { display_phone_number: digits, phone_number_id: digits },
    },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['profile'],
        anyOf: [{ required: ['wa_id'] }, { required: ['user_id'] }],
        additionalProperties: false,
        properties: {
          profile: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: { name: { type: 'string' } },
          },
          wa_id: digits,
          user_id: { type: 'string' },
        },
      },
    },
    messages: { type: 'array', minItems: 1, items: message },
    statuses: { type: 'array', minItems: 1, items: status },
    errors: { type: 'array', minItems: 1, items: error },
  },
  anyOf: [{ required: ['messages'] }, { required: ['statuses'] }, { required: ['errors'] }],
} as const;

const templateStatusValue = {
  type: 'object',
  required: ['event', 'message_template_id', 'message_template_name', 'message_template_language', 'reason'],
  additionalProperties: false,
  properties: {
    event: { enum: TEMPLATE_EVENTS },
    message_template_id: { type: 'integer' },
    message_template_name: { type: 'string' },
    message_template_language: { type: 'string' },
    reason: { type: ['string', 'null'] },
  },
} as const;

export const webhookEnvelopeSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'WhatsApp Cloud API webhook POST body',
  type: 'object',
  required: ['object', 'entry'],
  additionalProperties: false,
  properties: {
    object: { const: 'whatsapp_business_account' },
    entry: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'changes'],
        additionalProperties: false,
        properties: {
          id: digits,
          time: { type: 'integer' },
          changes: {
            type: 'array',
            minItems: 1,
            items: {
              oneOf: [
                {
                  type: 'object',
                  required: ['field', 'value'],
                  additionalProperties: false,
                  properties: { field: { const: 'messages' }, value: messagesValue },
                },
                {
                  type: 'object',
                  required: ['field', 'value'],
                  additionalProperties: false,
                  properties: {
                    field: { const: 'message_template_status_update' },
                    value: templateStatusValue,
                  },
                },
              ],
            },
          },
        },
      },
    },
  },
} as const;
