// Splits one webhook delivery into envelopes of one item each — a message (with its sender's
// contact), a status, Meta's errors of a change, a change of another field — so that an item that
// cannot be stored is retried and dead-lettered alone while the items beside it commit.
import { isRecord } from './message-bodies.ts';
import { WHATSAPP_ENVELOPE_OBJECT } from './route-envelope.ts';

type Json = Record<string, unknown>;

const envelope = (entryId: unknown, change: unknown): Json => ({
  object: WHATSAPP_ENVELOPE_OBJECT,
  entry: [{ id: entryId, changes: [change] }],
});

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function senderContact(contacts: unknown[], message: unknown): unknown[] {
  if (!isRecord(message)) return [];
  const found = contacts.find(
    (c) =>
      isRecord(c) &&
      ((message['from'] != null && c['wa_id'] === message['from']) ||
        (message['from_user_id'] != null && c['user_id'] === message['from_user_id'])),
  );
  return found ? [found] : [];
}

function splitMessagesChange(entryId: unknown, change: Json, value: Json): Json[] {
  const { messages, statuses, errors, contacts, ...rest } = value;
  const one = (part: Json) => envelope(entryId, { ...change, value: { ...rest, ...part } });
  const out: Json[] = [];
  for (const m of list(messages))
    out.push(one({ contacts: senderContact(list(contacts), m), messages: [m] }));
  for (const s of list(statuses)) out.push(one({ statuses: [s] }));
  if (list(errors).length > 0) out.push(one({ errors }));
  // A change with none of these (contacts alone, say) stays as it came.
  return out.length > 0 ? out : [envelope(entryId, change)];
}

/** One envelope per item; a payload that is not an envelope comes back whole. */
export function splitDelivery(payload: unknown): Json[] {
  if (!isRecord(payload) || !Array.isArray(payload['entry'])) return isRecord(payload) ? [payload] : [];
  const out: Json[] = [];
  for (const entry of payload['entry']) {
    if (!isRecord(entry) || !Array.isArray(entry['changes'])) {
      out.push({ object: WHATSAPP_ENVELOPE_OBJECT, entry: [entry] });
      continue;
    }
    for (const change of entry['changes']) {
      const value = isRecord(change) ? change['value'] : null;
      if (isRecord(change) && change['field'] === 'messages' && isRecord(value))
        out.push(...splitMessagesChange(entry['id'], change, value));
      else out.push(envelope(entry['id'], change));
    }
  }
  return out;
}
