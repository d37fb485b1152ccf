// Hand-built Meta webhook payloads for the ingest tests, in the shape Meta sends them.

export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
export const CUSTOMER = '16505551234';

export type Json = Record<string, unknown>;

export function envelope(...entries: unknown[]): Json {
  return { object: 'whatsapp_business_account', entry: entries };
}

export function entry(changes: Json[], wabaId = WABA_ID): Json {
  return { id: wabaId, changes };
}

export function messagesChange(
  value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[]; errors?: unknown[] },
  phoneNumberId = PHONE_NUMBER_ID,
): Json {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
      ...value,
    },
  };
}

export function contact(waId: string | null, name = 'Ana Souza', userId?: string): Json {
  return { profile: { name }, ...(waId ? { wa_id: waId } : {}), ...(userId ? { user_id: userId } : {}) };
}

let counter = 0;
export function message(type: string, payload: Json, extra: Json = {}): Json {
  counter += 1;
  return { from: CUSTOMER, id: `wamid.T${counter}`, timestamp: '1732460000', type, ...payload, ...extra };
}

/** One inbound message from CUSTOMER, wrapped in a full envelope. */
export function single(msg: Json): Json {
  return envelope(entry([messagesChange({ contacts: [contact(CUSTOMER)], messages: [msg] })]));
}

export function status(id: string, value: string, timestamp = '1732460100', extra: Json = {}): Json {
  return { id, status: value, timestamp, recipient_id: CUSTOMER, ...extra };
}
