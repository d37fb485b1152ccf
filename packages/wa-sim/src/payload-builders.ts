import { newWamid, unixSeconds } from './ids.ts';
import type {
  Channel,
  ContactCard,
  MediaObject,
  MessageContext,
  MessagesValue,
  Referral,
  StatusName,
  TemplateStatusValue,
  WebhookChange,
  WebhookContact,
  WebhookEnvelope,
  WebhookError,
  WebhookMessage,
  WebhookStatus,
} from './webhook-types.ts';

// Pure builders of Meta's webhook shapes. Each takes plain inputs and returns the JSON object Meta
// would send; nothing here does I/O or reads the clock unless `at` is omitted.

export interface MessageBase {
  /** The customer's wa_id (digits, no plus). */
  from: string;
  /** Defaults to a fresh wamid. */
  id?: string;
  /** Milliseconds since the epoch; defaults to now. */
  at?: number;
  context?: MessageContext;
  referral?: Referral;
  /** The business-scoped user id Meta adds for customers with a username. */
  fromUserId?: string;
  /** Leave `from` out, as Meta does when the customer hides their number behind a username. */
  withholdPhone?: boolean;
}

function base(input: MessageBase, type: string): WebhookMessage {
  const message: WebhookMessage = {
    ...(!input.withholdPhone && { from: input.from }),
    ...(input.fromUserId && { from_user_id: input.fromUserId }),
    id: input.id ?? newWamid(input.from),
    timestamp: unixSeconds(input.at ?? Date.now()),
    type,
  };
  if (input.context) message.context = input.context;
  if (input.referral) message.referral = input.referral;
  return message;
}

export function buildTextMessage(input: MessageBase & { body: string }): WebhookMessage {
  return { ...base(input, 'text'), text: { body: input.body } };
}

export type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker';

export function buildMediaMessage(
  kind: MediaKind,
  input: MessageBase & { media: MediaObject },
): WebhookMessage {
  return { ...base(input, kind), [kind]: input.media };
}

export function buildLocationMessage(
  input: MessageBase & { latitude: number; longitude: number; name?: string; address?: string; url?: string },
): WebhookMessage {
  const { latitude, longitude, name, address, url } = input;
  const location = {
    latitude,
    longitude,
    ...(name && { name }),
    ...(address && { address }),
    ...(url && { url }),
  };
  return { ...base(input, 'location'), location };
}

export function buildContactsMessage(input: MessageBase & { contacts: ContactCard[] }): WebhookMessage {
  return { ...base(input, 'contacts'), contacts: input.contacts };
}

export function buildButtonReplyMessage(
  input: MessageBase & { replyId: string; title: string },
): WebhookMessage {
  return {
    ...base(input, 'interactive'),
    interactive: { type: 'button_reply', button_reply: { id: input.replyId, title: input.title } },
  };
}

export function buildListReplyMessage(
  input: MessageBase & { replyId: string; title: string; description?: string },
): WebhookMessage {
  const list_reply = {
    id: input.replyId,
    title: input.title,
    ...(input.description !== undefined && { description: input.description }),
  };
  return { ...base(input, 'interactive'), interactive: { type: 'list_reply', list_reply } };
}

/** The answers of a completed WhatsApp Flow (interactive type nfm_reply). */
export function buildFlowReplyMessage(
  input: MessageBase & { response: Record<string, unknown>; flowToken?: string },
): WebhookMessage {
  const response_json = JSON.stringify({ ...input.response, flow_token: input.flowToken ?? 'unused' });
  return {
    ...base(input, 'interactive'),
    interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json } },
  };
}

/** A tap on a template's quick-reply button (type "button", not "interactive"). */
export function buildButtonMessage(input: MessageBase & { payload: string; text: string }): WebhookMessage {
  return { ...base(input, 'button'), button: { payload: input.payload, text: input.text } };
}

/** An emoji reaction; Meta omits `emoji` when the customer removes a reaction. */
export function buildReactionMessage(
  input: MessageBase & { messageId: string; emoji?: string },
): WebhookMessage {
  const reaction = { message_id: input.messageId, ...(input.emoji !== undefined && { emoji: input.emoji }) };
  return { ...base(input, 'reaction'), reaction };
}

export function buildOrderMessage(
  input: MessageBase & {
    catalogId: string;
    text?: string;
    items: NonNullable<WebhookMessage['order']>['product_items'];
  },
): WebhookMessage {
  const order = {
    catalog_id: input.catalogId,
    ...(input.text && { text: input.text }),
    product_items: input.items,
  };
  return { ...base(input, 'order'), order };
}

/** Meta's system message, sent when a customer changes their number. */
export function buildSystemMessage(input: MessageBase & { newWaId: string; body?: string }): WebhookMessage {
  const body = input.body ?? `User ${input.from} changed from ${input.from} to ${input.newWaId}`;
  return {
    ...base(input, 'system'),
    system: { body, new_wa_id: input.newWaId, type: 'user_changed_number' },
  };
}

/** A message type the Cloud API cannot pass on (e.g. a poll): type "unsupported" with errors[]. */
export function buildUnsupportedMessage(input: MessageBase): WebhookMessage {
  const error: WebhookError = {
    code: 131051,
    title: 'Message type unknown',
    message: 'Message type unknown',
    error_data: { details: 'Message type is currently not supported.' },
  };
  return { ...base(input, 'unsupported'), errors: [error] };
}

export interface StatusInput {
  /** The wamid of the outbound message the status is about. */
  id: string;
  recipientId: string;
  status: StatusName;
  at?: number;
  conversation?: WebhookStatus['conversation'];
  pricing?: WebhookStatus['pricing'];
  errors?: WebhookError[];
  /** Echo of the send's biz_opaque_callback_data, which Meta returns in every status of it. */
  bizOpaqueCallbackData?: string;
}

export function buildStatus(input: StatusInput): WebhookStatus {
  const status: WebhookStatus = {
    id: input.id,
    status: input.status,
    timestamp: unixSeconds(input.at ?? Date.now()),
    recipient_id: input.recipientId,
  };
  if (input.conversation) status.conversation = input.conversation;
  if (input.pricing) status.pricing = input.pricing;
  if (input.errors) status.errors = input.errors;
  if (input.bizOpaqueCallbackData) status.biz_opaque_callback_data = input.bizOpaqueCallbackData;
  return status;
}

export function buildContact(waId: string | undefined, name: string, userId?: string): WebhookContact {
  return { profile: { name }, ...(waId && { wa_id: waId }), ...(userId && { user_id: userId }) };
}

export function buildMessagesValue(
  channel: Channel,
  parts: {
    contacts?: WebhookContact[];
    messages?: WebhookMessage[];
    statuses?: WebhookStatus[];
    errors?: WebhookError[];
  },
): MessagesValue {
  const value: MessagesValue = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: channel.displayPhoneNumber, phone_number_id: channel.phoneNumberId },
  };
  if (parts.contacts?.length) value.contacts = parts.contacts;
  if (parts.messages?.length) value.messages = parts.messages;
  if (parts.statuses?.length) value.statuses = parts.statuses;
  if (parts.errors?.length) value.errors = parts.errors;
  return value;
}

export function buildTemplateStatusValue(input: {
  event: TemplateStatusValue['event'];
  templateId: string | number;
  name: string;
  language: string;
  reason?: string | null;
}): TemplateStatusValue {
  return {
    event: input.event,
    message_template_id: Number(input.templateId),
    message_template_name: input.name,
    message_template_language: input.language,
    reason: input.reason ?? (input.event === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE'),
  };
}

/** One change addressed to a WABA: the unit the webhook sender queues, batches and shuffles. */
export interface AddressedChange {
  wabaId: string;
  change: WebhookChange;
}

/**
 * Wraps changes in Meta's envelope: one entry per WABA (in first-seen order), and `messages` values of
 * the same phone number merged into one value, as Meta does when it batches.
 */
export function buildEnvelope(changes: readonly AddressedChange[], at?: number): WebhookEnvelope {
  const entries = new Map<string, WebhookChange[]>();
  for (const { wabaId, change } of changes) {
    const list = entries.get(wabaId) ?? [];
    entries.set(wabaId, list);
    const same =
      change.field === 'messages'
        ? list.find(
            (c) =>
              c.field === 'messages' &&
              c.value.metadata.phone_number_id === change.value.metadata.phone_number_id,
          )
        : undefined;
    if (same?.field === 'messages' && change.field === 'messages') mergeValue(same.value, change.value);
    else list.push(structuredClone(change));
  }
  return {
    object: 'whatsapp_business_account',
    entry: [...entries].map(([id, list]) => ({
      id,
      ...(list.some((c) => c.field !== 'messages') && { time: Math.floor((at ?? Date.now()) / 1000) }),
      changes: list,
    })),
  };
}

function mergeValue(into: MessagesValue, from: MessagesValue): void {
  for (const contact of from.contacts ?? []) {
    into.contacts ??= [];
    const same = (c: WebhookContact) => (c.wa_id ?? c.user_id) === (contact.wa_id ?? contact.user_id);
    if (!into.contacts.some(same)) into.contacts.push(contact);
  }
  if (from.messages) into.messages = [...(into.messages ?? []), ...from.messages];
  if (from.statuses) into.statuses = [...(into.statuses ?? []), ...from.statuses];
  if (from.errors) into.errors = [...(into.errors ?? []), ...from.errors];
}

export function messagesChange(channel: Channel, value: MessagesValue): AddressedChange {
  return { wabaId: channel.wabaId, change: { field: 'messages', value } };
}
