import { describe, expect, it } from 'vitest';
import { graphPayload } from './graph-payload.ts';
import type { SendRequest } from './send-request.ts';
import { SendRequestSchema } from './send-request.ts';

const ctx = { to: '15551234567', callbackData: 'parley:m:1' };
const req = (r: Omit<SendRequest, 'clientId'>) => SendRequestSchema.parse({ clientId: 'client-0001', ...r });

describe('the Graph API body of a send', () => {
  it('text carries the link preview option and the callback tag', () => {
    expect(graphPayload(req({ kind: 'text', body: { body: 'hi', previewUrl: true } }), ctx)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '15551234567',
      type: 'text',
      biz_opaque_callback_data: 'parley:m:1',
      text: { body: 'hi', preview_url: true },
    });
  });

  it('media by link keeps caption and filename; media by upload uses the Graph media id', () => {
    const link = graphPayload(
      req({ kind: 'image', body: { link: 'https://x.test/a.jpg', caption: 'A' } }),
      ctx,
    );
    expect(link.image).toEqual({ link: 'https://x.test/a.jpg', caption: 'A' });
    const byId = graphPayload(
      req({ kind: 'document', body: { mediaId: '3f1c1d9e-0000-4000-8000-000000000001', filename: 'a.pdf' } }),
      { ...ctx, graphMediaId: '998877' },
    );
    expect(byId.document).toEqual({ id: '998877', filename: 'a.pdf' });
  });

  it('a template names its language and passes parameters in snake case', () => {
    const p = graphPayload(
      req({
        kind: 'template',
        body: {
          name: 'order_update',
          language: 'pt_BR',
          components: [
            { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
            {
              type: 'button',
              subType: 'quick_reply',
              index: 0,
              parameters: [{ type: 'payload', payload: 'ok' }],
            },
          ],
        },
      }),
      ctx,
    );
    expect(p.template).toEqual({
      name: 'order_update',
      language: { code: 'pt_BR' },
      components: [
        { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '0',
          parameters: [{ type: 'payload', payload: 'ok' }],
        },
      ],
    });
  });

  it('reply buttons and lists take the interactive shape', () => {
    const buttons = graphPayload(
      req({
        kind: 'interactive',
        body: { type: 'button', body: { text: 'Q?' }, buttons: [{ id: 'y', title: 'Yes' }] },
      }),
      ctx,
    );
    expect(buttons.interactive).toEqual({
      type: 'button',
      body: { text: 'Q?' },
      action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] },
    });
    const list = graphPayload(
      req({
        kind: 'interactive',
        body: {
          type: 'list',
          body: { text: 'Pick' },
          button: 'Open',
          sections: [{ rows: [{ id: 'a', title: 'A' }] }],
        },
      }),
      ctx,
    );
    expect(list.interactive).toMatchObject({
      type: 'list',
      action: { button: 'Open', sections: [{ rows: [{ id: 'a', title: 'A' }] }] },
    });
  });

  it('a reaction and a reply point at the WhatsApp id of their message', () => {
    const id = '3f1c1d9e-0000-4000-8000-000000000002';
    const reaction = graphPayload(req({ kind: 'reaction', body: { messageId: id, emoji: '👍' } }), {
      ...ctx,
      targetWamid: 'wamid.A',
    });
    expect(reaction.reaction).toEqual({ message_id: 'wamid.A', emoji: '👍' });
    expect(reaction.context).toBeUndefined();
    const reply = graphPayload(req({ kind: 'text', body: { body: 'yes' }, replyTo: id }), {
      ...ctx,
      targetWamid: 'wamid.B',
    });
    expect(reply.context).toEqual({ message_id: 'wamid.B' });
  });

  it('refuses to build a reply without the quoted WhatsApp id', () => {
    expect(() =>
      graphPayload(
        req({ kind: 'text', body: { body: 'x' }, replyTo: '3f1c1d9e-0000-4000-8000-000000000003' }),
        ctx,
      ),
    ).toThrow(/quoted message/);
  });
});

describe('the send request schema', () => {
  it('wants exactly one of mediaId or link', () => {
    expect(SendRequestSchema.safeParse({ clientId: 'client-0001', kind: 'image', body: {} }).success).toBe(
      false,
    );
    expect(
      SendRequestSchema.safeParse({
        clientId: 'client-0001',
        kind: 'image',
        body: { link: 'https://x.test/a.jpg', mediaId: '3f1c1d9e-0000-4000-8000-000000000001' },
      }).success,
    ).toBe(false);
  });

  it('limits reply buttons to three', () => {
    const buttons = Array.from({ length: 4 }, (_, i) => ({ id: `b${i}`, title: `B${i}` }));
    expect(
      SendRequestSchema.safeParse({
        clientId: 'client-0001',
        kind: 'interactive',
        body: { type: 'button', body: { text: 'Q' }, buttons },
      }).success,
    ).toBe(false);
  });
});
