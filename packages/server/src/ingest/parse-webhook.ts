import type { z } from 'zod';
import {
  isRecord,
  type MessageBody,
  type MetaError,
  parseMessageBody,
  parseMetaErrors,
} from './message-bodies.ts';
import { previewOf } from './message-preview.ts';
import { WHATSAPP_ENVELOPE_OBJECT } from './route-envelope.ts';
import {
  ContactSchema,
  ContextSchema,
  ConversationSchema,
  describeIssues,
  type MessageContext,
  MessageHeadSchema,
  PricingSchema,
  StatusSchema,
  type TemplateStatus,
  TemplateStatusSchema,
} from './webhook-items.ts';

// Meta's WhatsApp Cloud API webhook, read in full. One POST may batch several entries (one per
// WhatsApp Business Account), each with several changes (one per phone number and field), each with
// several contacts, messages and statuses: every item is returned, never just the first.
// Reference: https://developers.facebook.com/docs/graph-api/webhooks/reference/whatsapp-business-account

export type { MessageBody, MessageKind, MetaError, SharedContact } from './message-bodies.ts';
export { routeEnvelope, WHATSAPP_ENVELOPE_OBJECT } from './route-envelope.ts';
export type { MessageContext, TemplateStatus } from './webhook-items.ts';

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

/**
 * An item Parley could not read, kept whole instead of dropped: `body` is a webhook envelope with
 * only that item, so a replay after a fix routes it again (webhook/quarantine.ts).
 */
export interface SetAsideItem {
  kind: 'entry' | 'change' | 'message' | 'status' | 'contact';
  /** Where in the payload, and why: `entry[0].changes[0].value.messages[1]: message skipped (…)`. */
  reason: string;
  phoneNumberId: string | null;
  body: Record<string, unknown>;
}

export type ParsedWebhook = { changes: ParsedChange[]; problems: string[]; setAside: SetAsideItem[] };

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

/**
 * Collects notes, each prefixed with where in the payload it was found; `dropped` is the envelope
 * of an item that cannot be used at all, which is then set aside rather than lost.
 */
type Problems = (at: string, note: string, dropped?: Record<string, unknown>) => void;

const envelopeOf = (entry: Record<string, unknown>): Record<string, unknown> => ({
  object: WHATSAPP_ENVELOPE_OBJECT,
  entry: [entry],
});

function parseMessage(raw: unknown, at: string, problem: Problems): InboundMessage | null {
  if (!isRecord(raw)) {
    problem(at, 'message is not an object, skipped', { item: raw });
    return null;
  }
  const head = MessageHeadSchema.safeParse(raw);
  if (!head.success) {
    problem(at, `message skipped (${describeIssues(head.error)})`, { item: raw });
    return null;
  }
  const { id, timestamp, from, from_user_id: fromUserId, type } = head.data;
  const here = `${at} (${id})`;
  if (!type) problem(here, 'message has no type, stored as unknown');
  const { body, problem: bodyProblem } = parseMessageBody(type ?? '', raw);
  if (bodyProblem) problem(here, bodyProblem);

  const context = parseOptional(ContextSchema, raw['context'], 'context', (note) => problem(here, note));
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
    problem(at, 'status is not an object, skipped', { item: raw });
    return null;
  }
  const head = StatusSchema.safeParse(raw);
  if (!head.success) {
    problem(at, `status skipped (${describeIssues(head.error)})`, { item: raw });
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
  problem(at, `contact skipped (${describeIssues(parsed.error)})`, { item: raw });
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

function parseMessagesChange(wabaId: string, value: Record<string, unknown>, at: string, outer: Problems) {
  const metadata = value['metadata'];
  if (!isRecord(metadata) || typeof metadata['phone_number_id'] !== 'string') {
    outer(
      at,
      'messages change without value.metadata.phone_number_id, skipped',
      envelopeOf({ id: wabaId, changes: [{ field: 'messages', value }] }),
    );
    return null;
  }
  // An item dropped here is kept as a change of its own: the metadata, and the item in its list.
  const problem: Problems = (where, note, dropped) => {
    const list = /\.(messages|statuses|contacts)\[\d+\]$/.exec(where)?.[1];
    outer(
      where,
      note,
      dropped && list
        ? envelopeOf({
            id: wabaId,
            changes: [
              {
                field: 'messages',
                value: { messaging_product: 'whatsapp', metadata, [list]: [dropped['item']] },
              },
            ],
          })
        : undefined,
    );
  };
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
  const kept = envelopeOf({ id: wabaId, changes: [raw] });
  if (!isRecord(raw)) {
    problem(at, 'change is not an object, skipped', kept);
    return null;
  }
  const { field, value } = raw;
  if (typeof field !== 'string' || field === '') {
    problem(at, 'change has no field, skipped', kept);
    return null;
  }
  if (!isRecord(value)) {
    problem(at, `${field} change has no value object, skipped`, kept);
    return null;
  }
  if (field === 'messages') return parseMessagesChange(wabaId, value, `${at}.value`, problem);
  return parseOtherChange(wabaId, field, value, (note) => problem(`${at}.value`, note));
}

function parseEntry(entry: unknown, at: string, problem: Problems): ParsedChange[] {
  if (!isRecord(entry)) {
    problem(at, 'entry is not an object, skipped', envelopeOf({ entry }));
    return [];
  }
  // The WABA id is a string in every documented payload; tolerate a number rather than lose the entry.
  const id = entry['id'];
  const wabaId = typeof id === 'string' ? id : typeof id === 'number' ? String(id) : null;
  if (!wabaId) {
    problem(at, 'entry has no id (WhatsApp Business Account id), skipped', envelopeOf(entry));
    return [];
  }
  return each(entry['changes'], `${at}.changes`, problem, (c, p) => parseChange(wabaId, c, p, problem));
}

function kindAt(at: string): SetAsideItem['kind'] {
  const item = /\.(messages|statuses|contacts)\[\d+\]$/.exec(at)?.[1];
  if (item) return item === 'messages' ? 'message' : item === 'statuses' ? 'status' : 'contact';
  return /changes\[\d+\](\.value)?$/.test(at) ? 'change' : 'entry';
}

/** The business number a set-aside envelope names, if it names one. */
function phoneOf(envelope: Record<string, unknown>): string | null {
  const entry = (envelope['entry'] as unknown[])[0];
  const change = isRecord(entry) && Array.isArray(entry['changes']) ? entry['changes'][0] : null;
  const value = isRecord(change) ? change['value'] : null;
  const metadata = isRecord(value) ? value['metadata'] : null;
  const id = isRecord(metadata) ? metadata['phone_number_id'] : null;
  return typeof id === 'string' ? id : null;
}

/**
 * Every change, contact, message and status in one webhook payload. Items that cannot be read are
 * described in `problems` and, when nothing of them can be used, returned whole in `setAside`; only a payload that is not Meta's envelope at all throws.
 */
export function parseWebhook(payload: unknown): ParsedWebhook {
  if (!isRecord(payload)) throw new NotAnEnvelopeError('the payload is not a JSON object');
  if (payload['object'] !== WHATSAPP_ENVELOPE_OBJECT) {
    throw new NotAnEnvelopeError(`"object" is ${JSON.stringify(payload['object']) ?? 'missing'}`);
  }
  const entries = payload['entry'];
  if (!Array.isArray(entries)) throw new NotAnEnvelopeError('"entry" is not an array');

  const problems: string[] = [];
  const setAside: SetAsideItem[] = [];
  const problem: Problems = (at, note, dropped) => {
    problems.push(`${at}: ${note}`);
    if (dropped)
      setAside.push({
        kind: kindAt(at),
        reason: `${at}: ${note}`,
        phoneNumberId: phoneOf(dropped),
        body: dropped,
      });
  };
  const changes = entries.flatMap((entry, e) => parseEntry(entry, `entry[${e}]`, problem));
  return { changes, problems, setAside };
}
