import type { PricingCategory } from './status-details.ts';

// Message templates as GET /{waba-id}/message_templates lists them. The defaults mirror the ones
// a new WhatsApp Business account has or typically creates first.

export type TemplateStatus = 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';

export interface TemplateComponent {
  type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
  format?: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT';
  text?: string;
  buttons?: Array<{
    type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER';
    text: string;
    url?: string;
    phone_number?: string;
  }>;
  example?: { body_text?: string[][] };
}

export interface Template {
  id: string;
  name: string;
  language: string;
  status: TemplateStatus;
  category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  components: TemplateComponent[];
}

export function defaultTemplates(): Template[] {
  return [
    {
      id: '1192339204654487',
      name: 'hello_world',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
        {
          type: 'BODY',
          text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
        },
        { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
      ],
    },
    {
      id: '1192339204654488',
      name: 'appointment_reminder',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        {
          type: 'BODY',
          text: 'Hi {{1}}, this is a reminder of your appointment on {{2}}. Reply to confirm or reschedule.',
          example: { body_text: [['Ana', 'Friday 3pm']] },
        },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Confirm' },
            { type: 'QUICK_REPLY', text: 'Reschedule' },
          ],
        },
      ],
    },
    {
      id: '1192339204654489',
      name: 'order_update',
      language: 'pt_BR',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        {
          type: 'BODY',
          text: 'Olá {{1}}, seu pedido {{2}} saiu para entrega.',
          example: { body_text: [['Ana', '#2291']] },
        },
      ],
    },
    {
      id: '1192339204654490',
      name: 'seasonal_promo',
      language: 'en_US',
      status: 'PENDING',
      category: 'MARKETING',
      components: [
        {
          type: 'BODY',
          text: 'Our summer sale starts now: {{1}} off everything!',
          example: { body_text: [['20%']] },
        },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }] },
      ],
    },
  ];
}

/** Number of {{n}} placeholders in the body, which a send must fill with as many parameters. */
export function bodyParameterCount(template: Template): number {
  const body = template.components.find((c) => c.type === 'BODY')?.text ?? '';
  return new Set(body.match(/\{\{\d+\}\}/g) ?? []).size;
}

export function pricingCategory(template: Template): PricingCategory {
  return template.category.toLowerCase() as PricingCategory;
}

/** Meta's cursor paging: `{ data, paging: { cursors: { before, after }, next? } }`. */
export function pageTemplates(
  templates: readonly Template[],
  query: { limit?: number; after?: string; name?: string; status?: string },
  selfUrl: string,
): { data: Template[]; paging: { cursors: { before: string; after: string }; next?: string } } {
  const filtered = templates.filter(
    (t) =>
      (!query.name || t.name.includes(query.name)) &&
      (!query.status || t.status === query.status.toUpperCase()),
  );
  // Garbage in limit or after falls back to the defaults rather than an empty page.
  const limit = Number.isFinite(query.limit) ? Math.max(1, Math.min(query.limit ?? 25, 100)) : 25;
  const start = Math.max(0, Number(Buffer.from(query.after ?? '', 'base64url').toString()) || 0);
  const data = filtered.slice(start, start + limit);
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
  const after = cursor(start + data.length);
  const next =
    start + data.length < filtered.length
      ? `${selfUrl}${selfUrl.includes('?') ? '&' : '?'}limit=${limit}&after=${after}`
      : undefined;
  return { data, paging: { cursors: { before: cursor(start), after }, ...(next && { next }) } };
}
