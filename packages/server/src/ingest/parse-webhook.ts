import { z } from 'zod';
import {
  isRecord,
  type MessageBody,
  type MetaError,
  parseMessageBody,
  parseMetaErrors,
} from './message-bodies.ts';
import { previewOf } from './message-preview.ts';

// Meta's WhatsApp Cloud API webhook, read in full. One POST may batch several entries (one per
// WhatsApp Business Account), each with several changes (one per phone number and field), each with
// several contacts, messages and statuses: every item is returned, never just the first.
// Reference: https://developers.facebook.com/docs/graph-api/webhooks/reference/whatsapp-business-account

export type { MessageBody, MessageKind, MetaError, SharedContact } from './message-bodies.ts';

export const WHATSAPP_ENVELOPE_OBJECT = 'whatsapp_business_account';

/** The payload as a whole is not Meta's webhook envelope: nothing in it can be routed or parsed. */
export class NotAnEnvelopeError extends Error {
  override readonly name = 'NotAnEnvelopeError';
  readonly code = 'PARLEY_ERR_NOT_AN_ENVELOPE';
  constructor(readonly reason: string) {
    super(
      `Not a WhatsApp Business Account webhook: ${reason}. ` +
        `Expected {"object":"${WHATSAPP_ENVELOPE_OBJECT}","entry":[...]} as Meta sends it.`,
    );
  }
}

export type ParsedWebhook = { changes: ParsedChange[]; problems: string[] };

export interface MessagesChange {
  field: 'messages';
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string | null;
  contacts: InboundContact[];
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  errors: MetaError[];
}
export interface TemplateStatus {
  templateId: string;
  name: string;
  language: string | null;
  event: string;
  reason: string | null;
}
export interface OtherFieldChange {
  field: string;
  wabaId: string;
  phoneNumberId: string | null;
  value: Record<string, unknown>;
  templateStatus?: TemplateStatus;
}
export type ParsedChange = MessagesChange | OtherFieldChange;

/** A sender, identified by `wa_id` where Meta still shares it, else by the business-scoped user id. */
export interface InboundContact {
  waId: string | null;
  userId: string | null;
  name: string | null;
}

export interface MessageContext {
  waMessageId: string | null;
  from: string | null;
  forwarded: boolean;
  frequentlyForwarded: boolean;
  referredProduct?: { catalogId: string; productRetailerId: string };
}

export interface InboundMessage {
  waMessageId: string;
  fromWaId: string | null;
  fromUserId: string | null;
  timestamp: Date;
  /** Meta's type; `unknown` when Parley does not know the type or could not read its payload. */
  kind: MessageBody['kind'];
  body: MessageBody;
  context: MessageContext | null;
  /** The click-to-WhatsApp ad referral, as sent. */
  referral: Record<string, unknown> | null;
  errors: MetaError[];
  preview: string;
  raw: Record<string, unknown>;
}

export interface StatusUpdate {
  waMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'deleted' | (string & {});
  timestamp: Date;
  recipientId: string | null;
  errors: MetaError[];
  conversation: { id: string; originType: string | null; expiresAt: Date | null } | null;
  pricing: { billable: boolean | null; category: string | null; pricingModel: string | null } | null;
  raw: Record<string, unknown>;
}

// ---- Cheap routing read (gateway hot path: no zod, no allocation beyond the result) ----

/**
 * The distinct phone number ids (and WABA ids, for fields such as template status that carry no
 * phone number) a payload concerns; null when it is not Meta's envelope.
 */
export function routeEnvelope(payload: unknown): { phoneNumberIds: string[]; wabaIds: string[] } | null {
  if (!isRecord(payload) || payload['object'] !== WHATSAPP_ENVELOPE_OBJECT) return null;
  const entries = payload['entry'];
  if (!Array.isArray(entries)) return null;
  const phoneNumberIds = new Set<string>();
  const wabaIds = new Set<string>();
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    if (typeof entry['id'] === 'string') wabaIds.add(entry['id']);
    const changes = entry['changes'];
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const metadata =
        isRecord(change) && isRecord(change['value']) ? change['value']['metadata'] : undefined;
      if (isRecord(metadata) && typeof metadata['phone_number_id'] === 'string') {
        phoneNumberIds.add(metadata['phone_number_id']);
      }
    }
  }
  return { phoneNumberIds: [...phoneNumberIds], wabaIds: [...wabaIds] };
}

// ---- Item schemas ----

const optString = z.string().nullish();

// Meta sends Unix seconds as a decimal string ("1732460000"); accept a JSON number too.
const unixSeconds = z
  .union([z.string().regex(/^\d+$/, 'expected Unix seconds'), z.number().int().nonnegative()])
  .transform((v) => new Date(Number(v) * 1000));

const ContactSchema = z
  .looseObject({
    wa_id: optString,
    user_id: optString,
    profile: z.looseObject({ name: optString }).nullish(),
  })
  .refine((c) => !!c.wa_id || !!c.user_id, 'a contact needs wa_id or user_id')
  .transform((c) => ({ waId: c.wa_id || null, userId: c.user_id || null, name: c.profile?.name ?? null }));

const MessageHeadSchema = z
  .looseObject({
    id: z.string().min(1),
    timestamp: unixSeconds,
    // Since the 2026 username rollout `from` (the phone number) may be withheld; `from_user_id`,
    // the business-scoped user id, is then the only sender id.
    from: optString,
    from_user_id: optString,
    type: optString,
  })
  .refine((m) => !!m.from || !!m.from_user_id, 'a message needs from or from_user_id');

const ContextSchema = z
  .looseObject({
    id: optString,
    from: optString,
    forwarded: z.boolean().nullish(),
    frequently_forwarded: z.boolean().nullish(),
    referred_product: z.looseObject({ catalog_id: z.string(), product_retailer_id: z.string() }).nullish(),
  })
  .transform((c): MessageContext => {
    // A forwarded message has a context with only the forwarded flags: it replies to nothing.
    const context: MessageContext = {
      waMessageId: c.id ?? null,
      from: c.from ?? null,
      forwarded: c.forwarded === true,
      frequentlyForwarded: c.frequently_forwarded === true,
    };
    if (c.referred_product) {
      const p = c.referred_product;
      context.referredProduct = { catalogId: p.catalog_id, productRetailerId: p.product_retailer_id };
    }
    return context;
  });

const StatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: unixSeconds,
  recipient_id: optString,
});

// Billing details are secondary: a malformed `conversation` or `pricing` must not cost Parley the
// status itself, so each is read on its own (see parseStatus).
const ConversationSchema = z
  .looseObject({
    id: z.string(),
    // Meta omits the expiry on every status after the first `sent` of a conversation.
    expiration_timestamp: unixSeconds.nullish(),
    origin: z.looseObject({ type: optString }).nullish(),
  })
  .transform((c) => ({
    id: c.id,
    originType: c.origin?.type ?? null,
    expiresAt: c.expiration_timestamp ?? null,
  }));

const PricingSchema = z
  .looseObject({ billable: z.boolean().nullish(), category: optString, pricing_model: optString })
  .transform((p) => ({
    billable: p.billable ?? null,
    category: p.category ?? null,
    pricingModel: p.pricing_model ?? null,
  }));

const TemplateStatusSchema = z
  .looseObject({
    event: z.string(),
    // A JSON number in Meta's payload. Ids above 2^53 lose digits in JSON.parse before they reach
    // this function; the raw body is the only exact source for those.
    message_template_id: z.union([z.string(), z.number()]),
    message_template_name: z.string(),
    message_template_language: optString,
    reason: optString,
  })
  .transform(
    (t): TemplateStatus => ({
      templateId: String(t.message_template_id),
      name: t.message_template_name,
      language: t.message_template_language ?? null,
      event: t.event,
      // Meta sends the string "NONE" when there is no reason (approvals, most pauses).
      reason: t.reason && t.reason !== 'NONE' ? t.reason : null,
    }),
  );

// ---- Parsing ----

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Collects skipped-with-record notes, each prefixed with where in the payload it was found. */
type Problems = (at: string, note: string) => void;

function parseMessage(raw: unknown, at: string, problem: Problems): InboundMessage | null {
  if (!isRecord(raw)) {
    problem(at, 'message is not an object, skipped');
    return null;
  }
  const head = MessageHeadSchema.safeParse(raw);
  if (!head.success) {
    problem(at, `message skipped (${describeIssues(head.error)})`);
    return null;
  }
  const { id, timestamp, from, from_user_id: fromUserId, type } = head.data;
  const here = `${at} (${id})`;
  if (!type) problem(here, 'message has no type, stored as unknown');
  const { body, problem: bodyProblem } = parseMessageBody(type ?? '', raw);
  if (bodyProblem) problem(here, bodyProblem);

  let context: MessageContext | null = null;
  if (raw['context'] != null) {
    const parsed = ContextSchema.safeParse(raw['context']);
    if (parsed.success) context = parsed.data;
    else problem(here, `context ignored (${describeIssues(parsed.error)})`);
  }
  let referral: Record<string, unknown> | null = null;
  if (raw['referral'] != null) {
    if (isRecord(raw['referral'])) referral = raw['referral'];
    else problem(here, 'referral ignored (not an object)');
  }
  return {
    waMessageId: id,
    fromWaId: from || null,
    fromUserId: fromUserId || null,
    timestamp,
    kind: body.kind,
    body,
    context,
    referral,
    errors: parseMetaErrors(raw['errors']),
    preview: previewOf(body),
    raw,
  };
}

function parseOptional<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
  report: (note: string) => void,
) {
  if (value == null) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  report(`${what} ignored (${describeIssues(parsed.error)})`);
  return null;
}

function parseStatus(raw: unknown, at: string, problem: Problems): StatusUpdate | null {
  if (!isRecord(raw)) {
    problem(at, 'status is not an object, skipped');
    return null;
  }
  const head = StatusSchema.safeParse(raw);
  if (!head.success) {
    problem(at, `status skipped (${describeIssues(head.error)})`);
    return null;
  }
  const { id, status, timestamp, recipient_id: recipientId } = head.data;
  const report = (note: string) => problem(`${at} (${id})`, note);
  return {
    waMessageId: id,
    status,
    timestamp,
    recipientId: recipientId ?? null,
    errors: parseMetaErrors(raw['errors']),
    conversation: parseOptional(ConversationSchema, raw['conversation'], 'conversation', report),
    pricing: parseOptional(PricingSchema, raw['pricing'], 'pricing', report),
    raw,
  };
}

function parseContact(raw: unknown, at: string, problem: Problems): InboundContact | null {
  const parsed = ContactSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problem(at, `contact skipped (${describeIssues(parsed.error)})`);
  return null;
}

function each<T>(
  list: unknown,
  at: string,
  problem: Problems,
  parse: (item: unknown, at: string) => T | null,
) {
  if (list == null) return [];
  if (!Array.isArray(list)) {
    problem(at, 'expected an array, ignored');
    return [];
  }
  return list.flatMap((item, i) => parse(item, `${at}[${i}]`) ?? []);
}

function parseMessagesChange(wabaId: string, value: Record<string, unknown>, at: string, problem: Problems) {
  const metadata = value['metadata'];
  if (!isRecord(metadata) || typeof metadata['phone_number_id'] !== 'string') {
    problem(at, 'messages change without value.metadata.phone_number_id, skipped');
    return null;
  }
  const display = metadata['display_phone_number'];
  const change: MessagesChange = {
    field: 'messages',
    wabaId,
    phoneNumberId: metadata['phone_number_id'],
    displayPhoneNumber: typeof display === 'string' ? display : null,
    contacts: each(value['contacts'], `${at}.contacts`, problem, (c, p) => parseContact(c, p, problem)),
    messages: each(value['messages'], `${at}.messages`, problem, (m, p) => parseMessage(m, p, problem)),
    statuses: each(value['statuses'], `${at}.statuses`, problem, (s, p) => parseStatus(s, p, problem)),
    errors: parseMetaErrors(value['errors']),
  };
  return change;
}

function parseOtherChange(
  wabaId: string,
  field: string,
  value: Record<string, unknown>,
  report: (note: string) => void,
) {
  const metadata = value['metadata'];
  const phoneNumberId =
    isRecord(metadata) && typeof metadata['phone_number_id'] === 'string'
      ? metadata['phone_number_id']
      : null;
  const change: OtherFieldChange = { field, wabaId, phoneNumberId, value };
  if (field === 'message_template_status_update') {
    const parsed = TemplateStatusSchema.safeParse(value);
    // The change is kept either way (stored as received); only the typed reading is lost.
    if (parsed.success) change.templateStatus = parsed.data;
    else report(`template status not understood (${describeIssues(parsed.error)})`);
  }
  return change;
}

function parseChange(wabaId: string, raw: unknown, at: string, problem: Problems): ParsedChange | null {
  if (!isRecord(raw)) {
    problem(at, 'change is not an object, skipped');
    return null;
  }
  const { field, value } = raw;
  if (typeof field !== 'string' || field === '') {
    problem(at, 'change has no field, skipped');
    return null;
  }
  if (!isRecord(value)) {
    problem(at, `${field} change has no value object, skipped`);
    return null;
  }
  if (field === 'messages') return parseMessagesChange(wabaId, value, `${at}.value`, problem);
  return parseOtherChange(wabaId, field, value, (note) => problem(`${at}.value`, note));
}

function parseEntry(entry: unknown, at: string, problem: Problems): ParsedChange[] {
  if (!isRecord(entry)) {
    problem(at, 'entry is not an object, skipped');
    return [];
  }
  // The WABA id is a string in every documented payload; tolerate a number rather than lose the entry.
  const id = entry['id'];
  const wabaId = typeof id === 'string' ? id : typeof id === 'number' ? String(id) : null;
  if (!wabaId) {
    problem(at, 'entry has no id (WhatsApp Business Account id), skipped');
    return [];
  }
  return each(entry['changes'], `${at}.changes`, problem, (c, p) => parseChange(wabaId, c, p, problem));
}

/**
 * Every change, contact, message and status in one webhook payload. Items that cannot be read are
 * skipped and described in `problems`; only a payload that is not Meta's envelope at all throws.
 */
export function parseWebhook(payload: unknown): ParsedWebhook {
  if (!isRecord(payload)) throw new NotAnEnvelopeError('the payload is not a JSON object');
  if (payload['object'] !== WHATSAPP_ENVELOPE_OBJECT) {
    throw new NotAnEnvelopeError(`"object" is ${JSON.stringify(payload['object']) ?? 'missing'}`);
  }
  const entries = payload['entry'];
  if (!Array.isArray(entries)) throw new NotAnEnvelopeError('"entry" is not an array');

  const problems: string[] = [];
  const problem: Problems = (at, note) => {
    problems.push(`${at}: ${note}`);
  };
  const changes = entries.flatMap((entry, e) => parseEntry(entry, `entry[${e}]`, problem));
  return { changes, problems };
}
