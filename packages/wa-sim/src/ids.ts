import { randomBytes } from 'node:crypto';

// Real wamids are "wamid." + base64 of a protobuf-ish blob that embeds the customer number, e.g.
// wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA= (see fixtures). Parley must treat
// them as opaque strings, so we copy the look (prefix, embedded number, base64) and keep them unique.
// Unique per process by a counter, across processes by a random prefix; cheaper than randomBytes per
// id, which matters to the load generator.
const processPrefix = randomBytes(4).toString('hex').toUpperCase();
let counter = 0;

export function newWamid(customerWaId: string, outbound = false): string {
  const num = Buffer.from(customerWaId, 'ascii');
  const head = Buffer.from([0x1c, 0x18, num.length]);
  const mid = Buffer.from([0x15, 0x02, 0x00, outbound ? 0x11 : 0x12, 0x18, 0x14]);
  counter = (counter + 1) % 0x1000000000000;
  const tail = Buffer.from(processPrefix + counter.toString(16).toUpperCase().padStart(12, '0'), 'ascii');
  return 'wamid.' + Buffer.concat([head, num, mid, tail, Buffer.from([0x00])]).toString('base64');
}

/** Media and template ids are decimal strings of 15–16 digits in Meta's answers. */
export function newNumericId(): string {
  const digits = [...randomBytes(15)].map((b) => String(b % 10)).join('');
  return '1' + digits;
}

/** fbtrace_id values look like short base64-ish tokens. */
export function newTraceId(): string {
  return randomBytes(8).toString('base64url').slice(0, 11);
}

/** Meta sends unix seconds as decimal strings in webhooks. */
export function unixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

/** Conversation ids in status webhooks are 32 hex characters. */
export function newConversationId(): string {
  return randomBytes(16).toString('hex');
}
