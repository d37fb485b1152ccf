import { DEFAULT_DISPLAY_PHONE_NUMBER, DEFAULT_PHONE_NUMBER_ID, DEFAULT_WABA_ID } from './defaults.ts';
import type { Channel } from './webhook-types.ts';

// Business numbers ("tenants" in load tests). Generated ones are deterministic so that Parley can be
// seeded with the same list the simulator or the load generator uses.

/** Fills in a channel's display number and WABA id; generated ones are stable per phone_number_id. */
export function toChannel(c: Partial<Channel> & { phoneNumberId: string }): Channel {
  const seeded = c.phoneNumberId === DEFAULT_PHONE_NUMBER_ID;
  return {
    phoneNumberId: c.phoneNumberId,
    displayPhoneNumber:
      c.displayPhoneNumber ?? (seeded ? DEFAULT_DISPLAY_PHONE_NUMBER : `1555${c.phoneNumberId.slice(-7)}`),
    wabaId: c.wabaId ?? (seeded ? DEFAULT_WABA_ID : `9${c.phoneNumberId.slice(1)}`),
  };
}

/** The seeded channel's number, then 106540352300001, 106540352300002, … */
export function tenantPhoneNumberIds(count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) =>
    i === 0 ? DEFAULT_PHONE_NUMBER_ID : String(106540352300000 + i),
  );
}
