import type { WebhookStatus } from './webhook-types.ts';

// The conversation and pricing objects Meta attaches to `sent` and `delivered` statuses (not to `read`).

export type PricingCategory = 'service' | 'utility' | 'marketing' | 'authentication';

export function conversationFor(
  conversationId: string,
  category: PricingCategory,
  expiresAtMs?: number,
): NonNullable<WebhookStatus['conversation']> {
  return {
    id: conversationId,
    ...(expiresAtMs !== undefined && { expiration_timestamp: String(Math.floor(expiresAtMs / 1000)) }),
    origin: { type: category },
  };
}

export function pricingFor(category: PricingCategory): NonNullable<WebhookStatus['pricing']> {
  return { billable: true, pricing_model: 'PMP', category, type: 'regular' };
}
