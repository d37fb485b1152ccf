// The shapes of Meta's webhook payloads, as documented for the Cloud API `messages` field and the
// WABA-level fields Parley consumes. Fields Meta marks optional are optional here too.

export interface Channel {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
}

export interface WebhookContact {
  profile: { name: string };
  /** Absent when the customer withholds their number (usernames, 2026); user_id is then the id. */
  wa_id?: string;
  /** Business-scoped user id; Meta adds it for usernames, Parley falls back to it when wa_id is absent. */
  user_id?: string;
}

export interface MessageContext {
  from?: string;
  id?: string;
  forwarded?: boolean;
  frequently_forwarded?: boolean;
  referred_product?: { catalog_id: string; product_retailer_id: string };
}

export interface Referral {
  source_url: string;
  source_id: string;
  source_type: 'ad' | 'post';
  headline?: string;
  body?: string;
  media_type?: 'image' | 'video';
  image_url?: string;
  video_url?: string;
  thumbnail_url?: string;
  ctwa_clid?: string;
}

export interface WebhookError {
  code: number;
  title: string;
  message?: string;
  error_data?: { details: string };
  href?: string;
}

export interface MediaObject {
  id: string;
  mime_type: string;
  sha256: string;
  caption?: string;
  filename?: string;
  voice?: boolean;
  animated?: boolean;
}

export interface ContactCard {
  name: { formatted_name: string; first_name?: string; last_name?: string };
  phones?: Array<{ phone: string; wa_id?: string; type?: string }>;
  emails?: Array<{ email: string; type?: string }>;
  org?: { company?: string; title?: string };
}

export interface WebhookMessage {
  /** The customer's number; absent when they withhold it, with from_user_id in its place. */
  from?: string;
  from_user_id?: string;
  id: string;
  timestamp: string;
  type: string;
  context?: MessageContext;
  referral?: Referral;
  errors?: WebhookError[];
  text?: { body: string };
  image?: MediaObject;
  audio?: MediaObject;
  video?: MediaObject;
  document?: MediaObject;
  sticker?: MediaObject;
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  contacts?: ContactCard[];
  interactive?:
    | { type: 'button_reply'; button_reply: { id: string; title: string } }
    | { type: 'list_reply'; list_reply: { id: string; title: string; description?: string } }
    | { type: 'nfm_reply'; nfm_reply: { name: string; body: string; response_json: string } };
  button?: { payload: string; text: string };
  reaction?: { message_id: string; emoji?: string };
  order?: {
    catalog_id: string;
    text?: string;
    product_items: Array<{
      product_retailer_id: string;
      quantity: number;
      item_price: number;
      currency: string;
    }>;
  };
  system?: { body: string; type: string; new_wa_id?: string; wa_id?: string };
}

export const STATUS_NAMES = ['sent', 'delivered', 'read', 'failed'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

export interface WebhookStatus {
  id: string;
  status: StatusName;
  timestamp: string;
  recipient_id: string;
  conversation?: {
    id: string;
    expiration_timestamp?: string;
    origin: { type: 'service' | 'utility' | 'marketing' | 'authentication' | 'referral_conversion' };
  };
  pricing?: { billable: boolean; pricing_model: 'CBP' | 'PMP'; category: string; type?: string };
  errors?: WebhookError[];
  biz_opaque_callback_data?: string;
}

export interface MessagesValue {
  messaging_product: 'whatsapp';
  metadata: { display_phone_number: string; phone_number_id: string };
  contacts?: WebhookContact[];
  messages?: WebhookMessage[];
  statuses?: WebhookStatus[];
  errors?: WebhookError[];
}

/** Events of message_template_status_update, as Meta lists them. */
export const TEMPLATE_EVENTS = [
  'APPROVED',
  'REJECTED',
  'PENDING',
  'PAUSED',
  'DISABLED',
  'FLAGGED',
  'PENDING_DELETION',
  'REINSTATED',
] as const;

export interface TemplateStatusValue {
  event: (typeof TEMPLATE_EVENTS)[number];
  message_template_id: number;
  message_template_name: string;
  message_template_language: string;
  reason: string | null;
}

export type WebhookChange =
  | { field: 'messages'; value: MessagesValue }
  | { field: 'message_template_status_update'; value: TemplateStatusValue };

export interface WebhookEntry {
  id: string;
  time?: number;
  changes: WebhookChange[];
}

export interface WebhookEnvelope {
  object: 'whatsapp_business_account';
  entry: WebhookEntry[];
}
