// Webhook bots (any language): Parley POSTs each customer message of a conversation the bot holds,
// signed with the bot's secret; the bot answers through the REST API with its bot token. A
// non-2xx answer or a timeout throws, and the bots queue retries with back-off.
import { createHmac } from 'node:crypto';
import type { GuardedFetch } from '../net/guarded-fetch.ts';
import type { BotContext } from './bot.ts';

export interface WebhookDelivery {
  url: string;
  secret: string;
  botId: string;
  context: BotContext;
  /** The guarded fetch (net/guarded-fetch.ts): the URL is a tenant's, so never a local address. */
  fetch: GuardedFetch;
}

export const BOT_SIGNATURE_HEADER = 'x-parley-signature';

/** sha256=<hex HMAC of "<timestamp>.<body>">: the timestamp inside the MAC stops replays. */
export const signBotDelivery = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export async function deliverToWebhookBot(d: WebhookDelivery): Promise<void> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const deliveryId = `${d.context.conversationId}:${d.context.message.waMessageId ?? d.context.now.toISOString()}`;
  const body = JSON.stringify({
    type: 'message.received',
    botId: d.botId,
    deliveryId,
    conversationId: d.context.conversationId,
    contact: d.context.contact,
    message: d.context.message,
    state: d.context.state,
    sentAt: d.context.now.toISOString(),
  });
  const res = await d.fetch(d.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-parley-timestamp': timestamp,
      // Lets the bot drop a retried delivery it already handled.
      'x-parley-delivery': deliveryId,
      [BOT_SIGNATURE_HEADER]: signBotDelivery(d.secret, timestamp, body),
    },
    body,
  });
  await res.arrayBuffer();
  if (res.status >= 300 && res.status < 400)
    throw new Error(`the bot's webhook answered ${res.status}, a redirect, which Parley does not follow`);
  if (!res.ok) throw new Error(`the bot's webhook answered ${res.status}`);
}
