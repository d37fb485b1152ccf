import { type InboundInput, type InboundType, isInboundType } from './inbound-messages.ts';
import { STATUS_NAMES, type StatusName, TEMPLATE_EVENTS, type TemplateStatusValue } from './webhook-types.ts';

// Pure parsing of the /_sim control requests: JSON in, typed input or a sentence out.

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
type Json = Record<string, unknown>;

/** Narrows a JSON value to one of a fixed list of strings. */
function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function parseInboundRequest(
  body: Json,
): Parsed<{ type: InboundType; input: InboundInput & { phoneNumberId?: string } }> {
  const type = String(body.type ?? 'text');
  if (!isInboundType(type)) return { ok: false, message: `Unknown inbound type "${type}".` };
  if (!text(body.from) || !/^\d+$/.test(body.from))
    return { ok: false, message: 'from (the customer wa_id, digits) is required.' };
  const { bytesBase64, bytes: _ignored, ...rest } = body;
  // JSON cannot carry a Buffer: media bytes come base64-encoded.
  if (bytesBase64 !== undefined && typeof bytesBase64 !== 'string')
    return { ok: false, message: 'bytesBase64 must be a base64 string.' };
  const input = {
    ...rest,
    from: body.from,
    ...(bytesBase64 && { bytes: Buffer.from(bytesBase64, 'base64') }),
  } as InboundInput;
  return { ok: true, value: { type, input } };
}

export function parseStatusRequest(
  body: Json,
): Parsed<{ messageId: string; recipientId: string; status: StatusName; phoneNumberId?: string }> {
  const { messageId, recipientId, status, phoneNumberId } = body;
  if (!text(messageId) || !text(recipientId))
    return { ok: false, message: 'messageId and recipientId are required.' };
  if (!oneOf(STATUS_NAMES, status))
    return { ok: false, message: `status must be one of ${STATUS_NAMES.join(', ')}.` };
  return {
    ok: true,
    value: {
      messageId,
      recipientId,
      status,
      ...(text(phoneNumberId) && { phoneNumberId }),
    },
  };
}

export function parseTemplateStatusRequest(
  body: Json,
): Parsed<{ name: string; language?: string; event: TemplateStatusValue['event']; reason?: string }> {
  const { name, language, event, reason } = body;
  if (!text(name)) return { ok: false, message: 'name (the template name) is required.' };
  if (!oneOf(TEMPLATE_EVENTS, event))
    return { ok: false, message: `event must be one of ${TEMPLATE_EVENTS.join(', ')}.` };
  return {
    ok: true,
    value: {
      name,
      event,
      ...(text(language) && { language }),
      ...(text(reason) && { reason }),
    },
  };
}
