import { z } from 'zod';

// Typed bodies of inbound WhatsApp messages, one zod schema per Meta message type. Each schema
// validates the sub-object Meta sends (`message[type]`), keeps fields it does not know (loose
// objects: Meta adds fields without notice), and produces Parley's camelCase body.
// Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Drops keys whose value is undefined, so optional fields are absent rather than `undefined`. */
function compact<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}

// Meta is not consistent about numbers: coordinates and prices arrive as JSON numbers, but a few
// payloads (older API versions, some BSPs replaying them) carry them as numeric strings.
const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?\s*$/, 'expected a number')
    .transform(Number),
]);
const optString = z.string().nullish();

export const MetaErrorSchema = z
  .looseObject({
    code: z.number().nullish(),
    title: optString,
    message: optString,
    error_data: z.looseObject({ details: optString }).nullish(),
  })
  .transform((e) => ({
    code: e.code ?? null,
    // Meta documents `title` and `message` as the same text; older payloads sent only one.
    title: e.title ?? e.message ?? 'Unknown error',
    message: e.message ?? null,
    details: e.error_data?.details ?? null,
  }));
export type MetaError = z.output<typeof MetaErrorSchema>;

/** Meta's `errors` arrays, leniently: an entry that is not an error object is left out, never fatal. */
export function parseMetaErrors(value: unknown): MetaError[] {
  if (!Array.isArray(value)) return [];
  const errors: MetaError[] = [];
  for (const item of value) {
    const parsed = MetaErrorSchema.safeParse(item);
    if (parsed.success) errors.push(parsed.data);
  }
  return errors;
}

// ---- Text ----

const TextSchema = z
  .looseObject({ body: z.string(), preview_url: z.boolean().optional() })
  .transform((t) => compact({ kind: 'text' as const, body: t.body, previewUrl: t.preview_url }));

// ---- Media ----

// `mime_type` and `sha256` are always sent by Meta today, but Parley only needs the media id to
// download the file (the media endpoint returns the mime type again), so their absence does not
// demote an image to `unknown`. `url` appears in webhooks since 2025 for some apps.
const mediaShape = { id: z.string().min(1), mime_type: optString, sha256: optString, url: optString };
type MediaInput = { id: string; mime_type?: string | null; sha256?: string | null; url?: string | null };
const media = (m: MediaInput) => ({
  mediaId: m.id,
  mimeType: m.mime_type ?? null,
  sha256: m.sha256 ?? null,
  url: m.url ?? undefined,
});

const ImageSchema = z
  .looseObject({ ...mediaShape, caption: optString })
  .transform((m) => compact({ kind: 'image' as const, ...media(m), caption: m.caption ?? undefined }));
const VideoSchema = z
  .looseObject({ ...mediaShape, caption: optString })
  .transform((m) => compact({ kind: 'video' as const, ...media(m), caption: m.caption ?? undefined }));
const StickerSchema = z
  .looseObject({ ...mediaShape, animated: z.boolean().nullish() })
  .transform((m) => compact({ kind: 'sticker' as const, ...media(m), animated: m.animated ?? undefined }));
const AudioSchema = z
  .looseObject({ ...mediaShape, voice: z.boolean().nullish() })
  .transform((m) => compact({ kind: 'audio' as const, ...media(m), voice: m.voice ?? undefined }));
const DocumentSchema = z
  .looseObject({ ...mediaShape, caption: optString, filename: optString })
  .transform((m) =>
    compact({
      kind: 'document' as const,
      ...media(m),
      caption: m.caption ?? undefined,
      filename: m.filename ?? undefined,
    }),
  );

// ---- Location ----

const LocationSchema = z
  .looseObject({ latitude: numeric, longitude: numeric, name: optString, address: optString, url: optString })
  .transform((l) =>
    compact({
      kind: 'location' as const,
      latitude: l.latitude,
      longitude: l.longitude,
      name: l.name ?? undefined,
      address: l.address ?? undefined,
      url: l.url ?? undefined,
    }),
  );

// ---- Shared contact cards ----

const ContactCardSchema = z
  .looseObject({
    name: z.looseObject({ formatted_name: optString, first_name: optString, last_name: optString }).nullish(),
    phones: z.array(z.looseObject({ phone: optString, wa_id: optString, type: optString })).nullish(),
    emails: z.array(z.looseObject({ email: optString, type: optString })).nullish(),
    urls: z.array(z.looseObject({ url: optString, type: optString })).nullish(),
    org: z.looseObject({ company: optString, department: optString, title: optString }).nullish(),
    birthday: optString,
  })
  .transform((c) => {
    // formatted_name is required by Meta's schema, yet cards shared from some phones arrive with only
    // first/last names; compose one so the card always has a label.
    const parts = [c.name?.first_name, c.name?.last_name].filter((p): p is string => !!p);
    return {
      formattedName: c.name?.formatted_name ?? (parts.length > 0 ? parts.join(' ') : null),
      firstName: c.name?.first_name ?? null,
      lastName: c.name?.last_name ?? null,
      phones: (c.phones ?? []).map((p) => ({
        phone: p.phone ?? null,
        waId: p.wa_id ?? null,
        type: p.type ?? null,
      })),
      emails: (c.emails ?? []).flatMap((e) => (e.email ? [{ email: e.email, type: e.type ?? null }] : [])),
      urls: (c.urls ?? []).flatMap((u) => (u.url ? [{ url: u.url, type: u.type ?? null }] : [])),
      org: c.org
        ? { company: c.org.company ?? null, department: c.org.department ?? null, title: c.org.title ?? null }
        : null,
      birthday: c.birthday ?? null,
      raw: c as Record<string, unknown>,
    };
  });
export type SharedContact = z.output<typeof ContactCardSchema>;

// Unlike every other type, the payload of a `contacts` message is an array at `message.contacts`.
const ContactsSchema = z
  .array(ContactCardSchema)
  .min(1)
  .transform((contacts) => ({ kind: 'contacts' as const, contacts }));

// ---- Replies to interactive messages and template buttons ----

const replyShape = z.looseObject({ id: z.string().min(1), title: z.string(), description: optString });
const KNOWN_INTERACTIVE = ['button_reply', 'list_reply', 'nfm_reply'];

/** A WhatsApp Flow's answer arrives as a JSON document inside a string. */
function parseFlowResponse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

const interactive = <T extends string>(interactiveType: T) => ({
  kind: 'interactive' as const,
  interactiveType,
});

const InteractiveSchema = z.union([
  z
    .looseObject({ type: z.literal('button_reply'), button_reply: replyShape })
    .transform((i) => ({ ...interactive(i.type), id: i.button_reply.id, title: i.button_reply.title })),
  z.looseObject({ type: z.literal('list_reply'), list_reply: replyShape }).transform((i) =>
    compact({
      ...interactive(i.type),
      id: i.list_reply.id,
      title: i.list_reply.title,
      description: i.list_reply.description ?? undefined,
    }),
  ),
  z
    .looseObject({
      type: z.literal('nfm_reply'),
      nfm_reply: z.looseObject({ name: optString, body: optString, response_json: z.string() }),
    })
    .transform((i) => {
      const f = i.nfm_reply;
      // A Flow reply has no id or title of its own: its meaning is the response document.
      const flow = {
        name: f.name ?? null,
        body: f.body ?? null,
        response: parseFlowResponse(f.response_json),
      };
      return { ...interactive(i.type), id: null, title: f.body ?? null, flow };
    }),
  // Newer subtypes (product, call_permission_reply, ...) carry a sub-object named after the type.
  z.looseObject({ type: z.string().refine((t) => !KNOWN_INTERACTIVE.includes(t)) }).transform((i) => {
    const sub = i[i.type];
    const reply = isRecord(sub) ? sub : {};
    return {
      ...interactive(i.type),
      id: typeof reply['id'] === 'string' ? reply['id'] : null,
      title: typeof reply['title'] === 'string' ? reply['title'] : null,
      reply,
    };
  }),
]);

const ButtonSchema = z
  .looseObject({ payload: optString, text: z.string() })
  .transform((b) => ({ kind: 'button' as const, payload: b.payload ?? null, text: b.text }));

// ---- Reactions, orders, system notices ----

// Meta signals "reaction removed" by an empty emoji (documented) or, in some payloads, no emoji.
const ReactionSchema = z.looseObject({ message_id: z.string().min(1), emoji: optString }).transform((r) => ({
  kind: 'reaction' as const,
  targetWaMessageId: r.message_id,
  emoji: r.emoji ? r.emoji : null,
}));

const OrderSchema = z
  .looseObject({
    catalog_id: z.string().min(1),
    text: optString,
    product_items: z
      .array(
        z.looseObject({
          product_retailer_id: z.string().min(1),
          quantity: numeric,
          item_price: numeric,
          currency: z.string(),
        }),
      )
      .min(1),
  })
  .transform((o) =>
    compact({
      kind: 'order' as const,
      catalogId: o.catalog_id,
      text: o.text ?? undefined,
      items: o.product_items.map((p) => ({
        productRetailerId: p.product_retailer_id,
        quantity: p.quantity,
        itemPrice: p.item_price,
        currency: p.currency,
      })),
    }),
  );

// System notices have changed shape over the years: `customer_changed_number` carried the new
// number in `new_wa_id` (before v12) then `wa_id`; `user_changed_number` / `user_changed_user_id`
// (2026, business-scoped user ids) add `user_id` and `previous_user_id`. System messages come with no
// `contacts` array.
const SystemSchema = z
  .looseObject({
    body: z.string(),
    type: optString,
    wa_id: optString,
    new_wa_id: z.union([z.string(), z.number()]).nullish(),
    identity: optString,
    user_id: optString,
    previous_user_id: optString,
  })
  .transform((s) => {
    const newWaId = s.wa_id ?? (s.new_wa_id == null ? undefined : String(s.new_wa_id));
    return compact({
      kind: 'system' as const,
      systemType: s.type ?? 'unknown',
      body: s.body,
      newWaId,
      identity: s.identity ?? undefined,
      userId: s.user_id ?? undefined,
      previousUserId: s.previous_user_id ?? undefined,
    });
  });

// ---- Types Meta could not render, and types Parley does not know ----

export interface UnsupportedBody {
  kind: 'unsupported';
  originalType: string;
  /** Meta's `unsupported.type` where it says what the user sent (an edit, a poll, ...). */
  unsupportedType: string | null;
  errors: MetaError[];
}
export interface UnknownBody {
  kind: 'unknown';
  originalType: string;
  raw: Record<string, unknown>;
}

const BODY_SCHEMAS = {
  text: TextSchema,
  image: ImageSchema,
  video: VideoSchema,
  sticker: StickerSchema,
  audio: AudioSchema,
  document: DocumentSchema,
  location: LocationSchema,
  contacts: ContactsSchema,
  interactive: InteractiveSchema,
  button: ButtonSchema,
  reaction: ReactionSchema,
  order: OrderSchema,
  system: SystemSchema,
} as const;
type KnownType = keyof typeof BODY_SCHEMAS;

export type MessageBody =
  | { [K in KnownType]: z.output<(typeof BODY_SCHEMAS)[K]> }[KnownType]
  | UnsupportedBody
  | UnknownBody;
export type MessageKind = MessageBody['kind'];

export type BodyResult = { body: MessageBody; problem: string | null };

function isKnownType(type: string): type is KnownType {
  return Object.hasOwn(BODY_SCHEMAS, type);
}

/**
 * The typed body of one message. A type Parley does not know, or a known type whose payload does
 * not validate, becomes `unknown` with the raw message kept (never dropped); the latter also
 * returns a problem sentence.
 */
export function parseMessageBody(type: string, message: Record<string, unknown>): BodyResult {
  if (type === 'unsupported') {
    const sub = message['unsupported'];
    const unsupportedType = isRecord(sub) && typeof sub['type'] === 'string' ? sub['type'] : null;
    const errors = parseMetaErrors(message['errors']);
    return { body: { kind: 'unsupported', originalType: type, unsupportedType, errors }, problem: null };
  }
  if (!isKnownType(type))
    return { body: { kind: 'unknown', originalType: type, raw: message }, problem: null };
  const parsed = BODY_SCHEMAS[type].safeParse(message[type]);
  if (parsed.success) return { body: parsed.data, problem: null };
  const issues = parsed.error.issues
    .map((i) => `${[type, ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');
  return {
    body: { kind: 'unknown', originalType: type, raw: message },
    problem: `malformed ${type} message, stored as unknown (${issues})`,
  };
}
