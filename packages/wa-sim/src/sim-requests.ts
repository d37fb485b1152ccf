import { type InboundInput, type InboundType, isInboundType } from './inbound-messages.ts';
import type { StatusName, TemplateStatusValue } from './webhook-types.ts';

// Pure parsing of the /_sim control requests: JSON in, typed input or a sentence out.

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
type Json = Record<string, unknown>;

const STATUSES: readonly StatusName[] = ['sent', 'delivered', 'read', 'failed'];
const EVENTS: readonly TemplateStatusValue['event'][] = [
  'APPROVED',
  'REJECTED',
  'PENDING',
  'PAUSED',
  'DISABLED',
  'FLAGGED',
  'PENDING_DELETION',
  'REINSTATED',
];

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
  if (!STATUSES.includes(status as StatusName))
    return { ok: false, message: `status must be one of ${STATUSES.join(', ')}.` };
  return {
    ok: true,
    value: {
      messageId,
      recipientId,
      status: status as StatusName,
      ...(text(phoneNumberId) && { phoneNumberId }),
    },
  };
}

export function parseTemplateStatusRequest(
  body: Json,
): Parsed<{ name: string; language?: string; event: TemplateStatusValue['event']; reason?: string }> {
  const { name, language, event, reason } = body;
  if (!text(name)) return { ok: false, message: 'name (the template name) is required.' };
  if (!EVENTS.includes(event as TemplateStatusValue['event']))
    return { ok: false, message: `event must be one of ${EVENTS.join(', ')}.` };
  return {
    ok: true,
    value: {
      name,
      event: event as TemplateStatusValue['event'],
      ...(text(language) && { language }),
      ...(text(reason) && { reason }),
    },
  };
}
