// The customer service window: a business may send free-form messages to a customer only within
// 24 hours of that customer's last message; outside it only templates go through (error 131047).
// The simulator knows a customer's last message only if it sent that message itself.

export interface ServiceWindow {
  recordInbound(phoneNumberId: string, waId: string, atMs: number): void;
  lastInbound(phoneNumberId: string, waId: string): number | undefined;
  isOpen(phoneNumberId: string, waId: string, nowMs: number): boolean;
}

/** `windowMs` of Infinity turns the rule off. */
export function createServiceWindow(windowMs: number): ServiceWindow {
  const last = new Map<string, number>();
  const key = (phone: string, waId: string) => `${phone}:${waId}`;
  return {
    recordInbound(phone, waId, atMs) {
      last.set(key(phone, waId), Math.max(atMs, last.get(key(phone, waId)) ?? 0));
    },
    lastInbound: (phone, waId) => last.get(key(phone, waId)),
    isOpen(phone, waId, nowMs) {
      if (windowMs === Number.POSITIVE_INFINITY) return true;
      const at = last.get(key(phone, waId));
      return at !== undefined && nowMs - at <= windowMs;
    },
  };
}
