import { z } from 'zod';

// Schemas for the items of a `messages` change other than message bodies (contacts, message heads,
// context, statuses) and for the template status field. Loose objects throughout: Meta adds fields
// without notice, and the raw item is kept beside the typed reading.

export interface MessageContext {
  waMessageId: string | null;
  from: string | null;
  forwarded: boolean;
  frequentlyForwarded: boolean;
  referredProduct?: { catalogId: string; productRetailerId: string };
}

export interface TemplateStatus {
  templateId: string;
  name: string;
  language: string | null;
  event: string;
  reason: string | null;
}

const optString = z.string().nullish();

// Meta sends Unix seconds as a decimal string ("1732460000"); accept a JSON number too.
export const unixSeconds = z
  .union([z.string().regex(/^\d+$/, 'expected Unix seconds'), z.number().int().nonnegative()])
  .transform((v) => new Date(Number(v) * 1000));

export const ContactSchema = z
  .looseObject({
    wa_id: optString,
    user_id: optString,
    profile: z.looseObject({ name: optString }).nullish(),
  })
  .refine((c) => !!c.wa_id || !!c.user_id, 'a contact needs wa_id or user_id')
  .transform((c) => ({ waId: c.wa_id || null, userId: c.user_id || null, name: c.profile?.name ?? null }));

export const MessageHeadSchema = z
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

export const ContextSchema = z
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

export const StatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: unixSeconds,
  recipient_id: optString,
});

// Billing details are secondary: a malformed `conversation` or `pricing` must not cost Parley the
// status itself, so each is read on its own (see parseStatus).
export const ConversationSchema = z
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

export const PricingSchema = z
  .looseObject({ billable: z.boolean().nullish(), category: optString, pricing_model: optString })
  .transform((p) => ({
    billable: p.billable ?? null,
    category: p.category ?? null,
    pricingModel: p.pricing_model ?? null,
  }));

export const TemplateStatusSchema = z
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

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
