import type { StoredMedia } from './media-store.ts';
import {
  buildButtonMessage,
  buildButtonReplyMessage,
  buildContactsMessage,
  buildFlowReplyMessage,
  buildListReplyMessage,
  buildLocationMessage,
  buildMediaMessage,
  buildOrderMessage,
  buildReactionMessage,
  buildSystemMessage,
  buildTextMessage,
  buildUnsupportedMessage,
  type MediaKind,
  type MessageBase,
} from './payload-builders.ts';
import type { WebhookMessage } from './webhook-types.ts';

// One entry point for "a customer sends a message of type X", with realistic defaults for every
// field the caller leaves out. Used by sendMessage(), the CLI's `send`, /_sim/inbound and the demo.

export const INBOUND_TYPES = [
  'text',
  'image',
  'audio',
  'voice',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'button_reply',
  'list_reply',
  'flow_reply',
  'button',
  'reaction',
  'order',
  'system',
  'referral',
  'unsupported',
] as const;

export type InboundType = (typeof INBOUND_TYPES)[number];

export interface InboundInput extends MessageBase {
  /** Profile name in contacts[]; defaults to a made-up name. */
  name?: string;
  body?: string;
  caption?: string;
  filename?: string;
  /** Media bytes to serve; defaults to a sample file of the type. */
  bytes?: Buffer;
  mimeType?: string;
  latitude?: number;
  longitude?: number;
  locationName?: string;
  address?: string;
  replyId?: string;
  title?: string;
  description?: string;
  payload?: string;
  /** For reactions: the wamid reacted to (usually one Parley sent). */
  messageId?: string;
  emoji?: string;
  newWaId?: string;
}

export function isInboundType(value: string): value is InboundType {
  return (INBOUND_TYPES as readonly string[]).includes(value);
}

/** The media kind a type needs, if any (a voice note is audio with voice: true). */
export function mediaKindOf(type: InboundType): MediaKind | undefined {
  if (type === 'voice') return 'audio';
  return type === 'image' || type === 'audio' || type === 'video' || type === 'document' || type === 'sticker'
    ? type
    : undefined;
}

export function buildInbound(type: InboundType, input: InboundInput, media?: StoredMedia): WebhookMessage {
  const kind = mediaKindOf(type);
  if (kind) {
    if (!media) throw new Error(`buildInbound('${type}') needs the stored media it refers to`);
    return buildMediaMessage(kind, {
      ...input,
      media: {
        id: media.id,
        mime_type: media.mimeType,
        sha256: media.sha256Base64,
        ...(input.caption &&
          (kind === 'image' || kind === 'video' || kind === 'document') && { caption: input.caption }),
        ...(kind === 'document' && { filename: input.filename ?? media.filename ?? 'document.pdf' }),
        ...(kind === 'audio' && { voice: type === 'voice' }),
        ...(kind === 'sticker' && { animated: false }),
      },
    });
  }
  switch (type) {
    case 'text':
      return buildTextMessage({ ...input, body: input.body ?? 'Hi! Do you have a table for two tonight?' });
    case 'referral':
      return buildTextMessage({
        ...input,
        body: input.body ?? 'Hi, I saw your ad. Is the offer still on?',
        referral: input.referral ?? {
          source_url: 'https://fb.me/3cr4Wqqkm',
          source_id: '120213154283180713',
          source_type: 'ad',
          headline: 'Summer cuts, 20% off',
          body: 'Book this week',
          media_type: 'image',
          image_url: 'https://example.com/ad.jpg',
          ctwa_clid:
            'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMXP7ghW',
        },
      });
    case 'location':
      return buildLocationMessage({
        ...input,
        latitude: input.latitude ?? -23.5614,
        longitude: input.longitude ?? -46.6559,
        name: input.locationName ?? 'Paulista Ave Store',
        address: input.address ?? 'Av. Paulista, 1578, Sao Paulo',
      });
    case 'contacts':
      return buildContactsMessage({
        ...input,
        contacts: [
          {
            name: { formatted_name: 'Bruno Lima', first_name: 'Bruno', last_name: 'Lima' },
            phones: [{ phone: '+1 650 555 9876', wa_id: '16505559876', type: 'CELL' }],
            emails: [{ email: 'bruno@example.com', type: 'WORK' }],
          },
        ],
      });
    case 'button_reply':
      return buildButtonReplyMessage({
        ...input,
        replyId: input.replyId ?? 'confirm',
        title: input.title ?? 'Confirm',
      });
    case 'list_reply':
      return buildListReplyMessage({
        ...input,
        replyId: input.replyId ?? 'svc_beard',
        title: input.title ?? 'Beard trim',
        description: input.description ?? '20 minutes',
      });
    case 'flow_reply':
      return buildFlowReplyMessage({
        ...input,
        response: { appointment_date: '2026-12-04', appointment_time: '15:00', service: 'haircut' },
      });
    case 'button':
      return buildButtonMessage({
        ...input,
        payload: input.payload ?? 'Confirm',
        text: input.title ?? 'Confirm',
      });
    case 'reaction':
      return buildReactionMessage({
        ...input,
        messageId: input.messageId ?? 'wamid.UNKNOWN',
        emoji: input.emoji ?? '👍',
      });
    case 'order':
      return buildOrderMessage({
        ...input,
        catalogId: '1446932012589316',
        text: input.body ?? 'Please deliver after 6pm',
        items: [
          { product_retailer_id: 'sku-shampoo-250', quantity: 2, item_price: 12.5, currency: 'USD' },
          { product_retailer_id: 'sku-comb', quantity: 1, item_price: 4, currency: 'USD' },
        ],
      });
    case 'system':
      return buildSystemMessage({ ...input, newWaId: input.newWaId ?? `${input.from.slice(0, -4)}9999` });
    case 'unsupported':
      return buildUnsupportedMessage(input);
    default:
      throw new Error(`unhandled inbound type ${type}`);
  }
}
