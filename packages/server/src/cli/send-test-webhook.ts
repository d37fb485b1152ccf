// `parley webhook test`: signs and posts a text message from a made-up customer, exactly as Meta
// would, so a newcomer sees the whole path work without a phone.
import { randomBytes } from 'node:crypto';
import { DEMO_DISPLAY_NUMBER, DEMO_PHONE_NUMBER_ID, DEMO_WABA_ID } from '../seed/first-run.ts';
import { signBody } from '../webhook/verify-signature.ts';

export interface TestWebhook {
  url: string;
  appSecret: string;
  text: string;
  from: string;
  name: string;
  phoneNumberId?: string;
}

export function buildTextWebhook(t: Omit<TestWebhook, 'url' | 'appSecret'>): string {
  const id = `wamid.${Buffer.from(`${t.from}${randomBytes(12).toString('hex')}`).toString('base64')}`;
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: DEMO_WABA_ID,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: DEMO_DISPLAY_NUMBER,
                phone_number_id: t.phoneNumberId ?? DEMO_PHONE_NUMBER_ID,
              },
              contacts: [{ profile: { name: t.name }, wa_id: t.from }],
              messages: [
                {
                  from: t.from,
                  id,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: t.text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

export async function sendTestWebhook(t: TestWebhook): Promise<{ status: number; body: string }> {
  const body = buildTextWebhook(t);
  const res = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, t.appSecret) },
    body,
  });
  return { status: res.status, body: await res.text() };
}
