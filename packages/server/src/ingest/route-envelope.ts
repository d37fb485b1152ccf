// The cheap routing read the gateway does on every POST, before the payload is queued: which phone
// numbers (hence tenants) it concerns. Kept free of zod and of the parser so the hot path loads and
// runs nothing else.

export const WHATSAPP_ENVELOPE_OBJECT = 'whatsapp_business_account';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The distinct phone number ids (and WABA ids, for fields such as template status that carry no
 * phone number) a payload concerns; null when it is not Meta's envelope.
 */
export function routeEnvelope(payload: unknown): { phoneNumberIds: string[]; wabaIds: string[] } | null {
  if (!isObject(payload) || payload['object'] !== WHATSAPP_ENVELOPE_OBJECT) return null;
  const entries = payload['entry'];
  if (!Array.isArray(entries)) return null;
  const phoneNumberIds = new Set<string>();
  const wabaIds = new Set<string>();
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    const id = entry['id'];
    if (typeof id === 'string' || typeof id === 'number') wabaIds.add(String(id));
    const changes = entry['changes'];
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const metadata =
        isObject(change) && isObject(change['value']) ? change['value']['metadata'] : undefined;
      if (isObject(metadata) && typeof metadata['phone_number_id'] === 'string') {
        phoneNumberIds.add(metadata['phone_number_id']);
      }
    }
  }
  return { phoneNumberIds: [...phoneNumberIds], wabaIds: [...wabaIds] };
}
