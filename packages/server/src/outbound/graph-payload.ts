// The JSON body of POST /{version}/{phone-number-id}/messages for a stored send. Pure: everything
// that needs I/O (the customer's number, the quoted message's WhatsApp id, the Graph media id of an
// uploaded file) is resolved by the caller and passed in.
// Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
import type { SendRequest } from './send-request.ts';

export interface PayloadContext {
  /** The customer's wa_id. */
  to: string;
  /** The WhatsApp id of the quoted message (replies) or of the message reacted to. */
  targetWamid?: string | undefined;
  /** The Graph media id of an uploaded file, when the send uses mediaId. */
  graphMediaId?: string | undefined;
  /**
   * Echoed by Meta in every status webhook of this message: it lets a send whose answer was lost
   * be matched with its statuses (see settle-unknown.ts).
   */
  callbackData: string;
}

type Json = Record<string, unknown>;

/** Drops undefined fields so the body holds only what was given. */
const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const snakeParameters = (
  components: NonNullable<Extract<SendRequest, { kind: 'template' }>['body']['components']>,
) =>
  components.map((c) =>
    compact({
      type: c.type,
      sub_type: c.subType,
      index: c.index === undefined ? undefined : String(c.index),
      parameters: c.parameters,
    }),
  );

export function graphPayload(
  send: Pick<SendRequest, 'kind' | 'body' | 'replyTo'>,
  ctx: PayloadContext,
): Json {
  const base: Json = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: ctx.to,
    type: send.kind,
    biz_opaque_callback_data: ctx.callbackData,
  };
  if (send.replyTo && send.kind !== 'reaction') {
    if (!ctx.targetWamid) throw new Error('a reply needs the WhatsApp id of the quoted message');
    base.context = { message_id: ctx.targetWamid };
  }
  const req = send as SendRequest;
  switch (req.kind) {
    case 'text':
      return { ...base, text: compact({ body: req.body.body, preview_url: req.body.previewUrl }) };
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
    case 'sticker': {
      const b = req.body as { mediaId?: string; link?: string; caption?: string; filename?: string };
      if (b.mediaId && !ctx.graphMediaId) throw new Error('a media send by id needs the Graph media id');
      const source = b.mediaId ? { id: ctx.graphMediaId } : { link: b.link };
      return { ...base, [req.kind]: compact({ ...source, caption: b.caption, filename: b.filename }) };
    }
    case 'template':
      return {
        ...base,
        template: compact({
          name: req.body.name,
          language: { code: req.body.language },
          components: req.body.components ? snakeParameters(req.body.components) : undefined,
        }),
      };
    case 'interactive': {
      const b = req.body;
      const action =
        b.type === 'button'
          ? { buttons: b.buttons.map((x) => ({ type: 'reply', reply: { id: x.id, title: x.title } })) }
          : { button: b.button, sections: b.sections.map((s) => compact({ title: s.title, rows: s.rows })) };
      return {
        ...base,
        interactive: compact({ type: b.type, header: b.header, body: b.body, footer: b.footer, action }),
      };
    }
    case 'reaction':
      if (!ctx.targetWamid) throw new Error('a reaction needs the WhatsApp id of the message reacted to');
      return { ...base, reaction: { message_id: ctx.targetWamid, emoji: req.body.emoji } };
  }
}

/** The body that marks a customer's message read (blue ticks). */
export const markReadPayload = (wamid: string): Json => ({
  messaging_product: 'whatsapp',
  status: 'read',
  message_id: wamid,
});
