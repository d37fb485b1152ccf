import type { MetaErrorName } from './meta-errors.ts';
import { bodyParameterCount, type Template } from './templates.ts';

// Pure validation of POST /{phone-number-id}/messages bodies, following the Cloud API reference
// for each message type. It returns the first problem found, as Meta does.

type Json = Record<string, unknown>;

export type SendRequest =
  | { kind: 'read'; messageId: string }
  | { kind: 'message'; to: string; waId: string; type: string; template?: Template; payload: Json };

export type Validation =
  | { ok: true; request: SendRequest }
  | { ok: false; error: MetaErrorName; details: string };

export interface SendContext {
  templates: readonly Template[];
  mediaExists(id: string): boolean;
}

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
const TYPES = ['text', ...MEDIA_TYPES, 'location', 'contacts', 'interactive', 'template', 'reaction'];
const INTERACTIVE_TYPES = [
  'button',
  'list',
  'cta_url',
  'product',
  'product_list',
  'flow',
  'location_request_message',
];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const bad = (details: string): Validation => ({ ok: false, error: 'invalidParameter', details });

export function validateSend(body: unknown, ctx: SendContext): Validation {
  if (!isObject(body)) return bad('The request body must be a JSON object.');
  if (body.messaging_product !== 'whatsapp')
    return bad('The parameter messaging_product is required and must be "whatsapp".');
  if (body.status === 'read') {
    return isText(body.message_id)
      ? { ok: true, request: { kind: 'read', messageId: body.message_id } }
      : bad('The parameter message_id is required.');
  }
  if (typeof body.to !== 'string' || !/^\+?[0-9][0-9 ()-]{5,}$/.test(body.to))
    return bad('The parameter to is required and must be a phone number.');
  // Meta treats an absent type as text.
  const type = body.type === undefined ? 'text' : body.type;
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    return {
      ok: false,
      error: 'unsupportedType',
      details: `Message type "${String(type)}" is not supported. Use one of: ${TYPES.join(', ')}.`,
    };
  }
  if (body.context !== undefined && !(isObject(body.context) && isText(body.context.message_id))) {
    return bad('context.message_id must be the wamid of the message replied to.');
  }
  const content = body[type];
  if (!isObject(content) && !(type === 'contacts' && Array.isArray(content)))
    return bad(`The parameter ${type} is required for type "${type}".`);
  const problem = checkContent(type, content, ctx);
  if (problem) return problem;
  const request: SendRequest = {
    kind: 'message',
    to: body.to,
    waId: body.to.replace(/\D/g, ''),
    type,
    payload: body,
  };
  if (type === 'template' && isObject(content)) {
    const found = findTemplate(content, ctx.templates);
    if (!found.ok) return found;
    return { ok: true, request: { ...request, template: found.template } };
  }
  return { ok: true, request };
}

function checkContent(type: string, content: unknown, ctx: SendContext): Validation | undefined {
  if (Array.isArray(content)) {
    const ok =
      content.length > 0 &&
      content.every((c) => isObject(c) && isObject(c.name) && isText(c.name.formatted_name));
    return ok ? undefined : bad('contacts must be a non-empty array, each with name.formatted_name.');
  }
  const c = content as Json;
  switch (type) {
    case 'text':
      if (!isText(c.body)) return bad('The parameter text.body is required.');
      if (c.body.length > 4096) return bad('text.body is longer than 4096 characters.');
      return undefined;
    case 'location':
      return typeof c.latitude === 'number' && typeof c.longitude === 'number'
        ? undefined
        : bad('location.latitude and location.longitude must be numbers.');
    case 'reaction':
      return isText(c.message_id) && typeof c.emoji === 'string'
        ? undefined
        : bad('reaction.message_id and reaction.emoji are required (an empty emoji removes a reaction).');
    case 'interactive':
      if (!INTERACTIVE_TYPES.includes(String(c.type)))
        return bad(`interactive.type must be one of: ${INTERACTIVE_TYPES.join(', ')}.`);
      if (!isObject(c.action)) return bad('The parameter interactive.action is required.');
      if (c.type === 'button') {
        const buttons = c.action.buttons;
        if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
          return bad('interactive.action.buttons must hold 1 to 3 reply buttons.');
      }
      if (c.type === 'list' && !Array.isArray(c.action.sections))
        return bad('interactive.action.sections is required for a list.');
      if (!['product', 'product_list'].includes(String(c.type)) && !(isObject(c.body) && isText(c.body.text)))
        return bad('The parameter interactive.body.text is required.');
      return undefined;
    case 'template':
      if (!isText(c.name)) return bad('The parameter template.name is required.');
      if (!isObject(c.language) || !isText(c.language.code))
        return bad('The parameter template.language.code is required.');
      if (c.components !== undefined && !Array.isArray(c.components))
        return bad('template.components must be an array.');
      return undefined;
    default:
      return checkMedia(type, c, ctx);
  }
}

function checkMedia(type: string, c: Json, ctx: SendContext): Validation | undefined {
  const byId = c.id !== undefined;
  const byLink = c.link !== undefined;
  if (byId === byLink) return bad(`${type} needs exactly one of id (an uploaded media id) or link.`);
  if (byId && !(isText(c.id) && ctx.mediaExists(c.id)))
    return {
      ok: false,
      error: 'mediaMissing',
      details: `No media with id ${String(c.id)} was uploaded to this number.`,
    };
  if (byLink && !(isText(c.link) && /^https?:\/\//.test(c.link)))
    return bad(`${type}.link must be an http(s) URL.`);
  if (c.caption !== undefined && !['image', 'video', 'document'].includes(type))
    return bad(`${type} does not take a caption.`);
  return undefined;
}

function findTemplate(
  content: Json,
  templates: readonly Template[],
): { ok: true; template: Template } | Extract<Validation, { ok: false }> {
  const language = (content.language as Json).code;
  const template = templates.find((t) => t.name === content.name && t.language === language);
  if (template?.status !== 'APPROVED') {
    return {
      ok: false,
      error: 'templateMissing',
      details: `template name (${String(content.name)}) does not exist in ${String(language)}${template ? ` (status ${template.status})` : ''}`,
    };
  }
  const components = (content.components ?? []) as Json[];
  const body = components.find((c) => isObject(c) && String(c.type).toLowerCase() === 'body');
  const given = Array.isArray(body?.parameters) ? body.parameters.length : 0;
  const expected = bodyParameterCount(template);
  if (given !== expected) {
    return {
      ok: false,
      error: 'paramCount',
      details: `body: number of localizable_params (${given}) does not match the expected number of params (${expected})`,
    };
  }
  return { ok: true, template };
}
