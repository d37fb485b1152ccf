import { parseArgs } from 'node:util';
import { DEFAULT_PHONE_NUMBER_ID } from './defaults.ts';
import { request } from './http-request.ts';
import { INBOUND_TYPES, type InboundInput, isInboundType, mediaKindOf } from './inbound-messages.ts';
import { createSimulator } from './simulator.ts';

export const SEND_HELP = `wa-sim send: send one inbound event, as a customer would

Usage: wa-sim send --type TYPE --from WA_ID [content] (--sim URL | --webhook-url URL --app-secret S)

  --type T                  one of: ${INBOUND_TYPES.join(', ')} (default text)
  --from WA_ID              the customer's number, digits only (default 16505551234)
  --name NAME               the customer's profile name
  --text TEXT               text body (text, referral, order note)
  --caption TEXT            caption (image, video, document)
  --reply-to WAMID          send as a reply (context) to this message; for reaction, the message reacted to
  --emoji E                 reaction emoji (default 👍)
  --reply-id ID             the chosen button or list row id (button_reply, list_reply)
  --title TEXT              the chosen button or list row title
  --phone-number-id ID      business number the customer writes to (default ${DEFAULT_PHONE_NUMBER_ID})
  --sim URL                 a running 'wa-sim serve' (e.g. http://127.0.0.1:8090): it sends the event,
                            serves the media and opens the service window; use this for media types
  --webhook-url URL         otherwise: POST straight to this webhook URL (env WA_SIM_WEBHOOK_URL)
  --app-secret S            … signed with this app secret (env WHATSAPP_APP_SECRET)
  --json                    print the payload sent

Example
  wa-sim send --sim http://127.0.0.1:8090 --type image --from 15550001111 --caption "my receipt"
`;

const options = {
  type: { type: 'string', default: 'text' },
  from: { type: 'string', default: '16505551234' },
  name: { type: 'string' },
  text: { type: 'string' },
  caption: { type: 'string' },
  'reply-to': { type: 'string' },
  emoji: { type: 'string' },
  'reply-id': { type: 'string' },
  title: { type: 'string' },
  'phone-number-id': { type: 'string' },
  sim: { type: 'string' },
  'webhook-url': { type: 'string' },
  'app-secret': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function sendCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values: v } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  if (v.help) {
    out(SEND_HELP);
    return 0;
  }
  if (!isInboundType(v.type))
    throw new Error(`--type must be one of: ${INBOUND_TYPES.join(', ')}; got "${v.type}".`);
  if (!/^\d{6,15}$/.test(v.from))
    throw new Error(`--from takes the customer's number as digits (a wa_id); got "${v.from}".`);
  const input: InboundInput & { phoneNumberId?: string } = {
    from: v.from,
    ...(v.name && { name: v.name }),
    ...(v.text && { body: v.text }),
    ...(v.caption && { caption: v.caption }),
    ...(v.emoji && { emoji: v.emoji }),
    ...(v['reply-id'] && { replyId: v['reply-id'] }),
    ...(v.title && { title: v.title }),
    ...(v['phone-number-id'] && { phoneNumberId: v['phone-number-id'] }),
    ...(v['reply-to'] &&
      (v.type === 'reaction' ? { messageId: v['reply-to'] } : { context: { id: v['reply-to'] } })),
  };
  if (v.sim) {
    const answer = await request(`${v.sim.replace(/\/$/, '')}/_sim/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: v.type, ...input }),
    });
    if (answer.status !== 200)
      throw new Error(`the simulator at ${v.sim} answered ${answer.status}: ${answer.body}`);
    const sent = JSON.parse(answer.body) as {
      message: { id: string };
      delivery: { state: string; attempts: unknown[] };
    };
    out(
      `sent ${v.type} ${sent.message.id} via ${v.sim}: ${sent.delivery.state} after ${sent.delivery.attempts.length} attempt(s)`,
    );
    if (v.json) out(JSON.stringify(sent, null, 2));
    return sent.delivery.state === 'delivered' ? 0 : 1;
  }
  const webhookUrl = v['webhook-url'] ?? process.env.WA_SIM_WEBHOOK_URL;
  const appSecret = v['app-secret'] ?? process.env.WHATSAPP_APP_SECRET;
  if (!webhookUrl || !appSecret)
    throw new Error('Give --sim URL (a running wa-sim serve), or --webhook-url and --app-secret.');
  if (mediaKindOf(v.type))
    out(`note: without --sim, nobody serves this ${v.type}'s media id; Parley's download of it will fail.`);
  // A one-shot simulator that is never started: its webhook sender signs and retries like serve does.
  const sim = createSimulator({
    webhookUrl,
    appSecret,
    retry: { maxAttempts: 3 },
    ...(input.phoneNumberId && { channels: [{ phoneNumberId: input.phoneNumberId }] }),
  });
  try {
    const sent = await sim.sendMessage(v.type, v.from, input);
    const last = sent.delivery.attempts.at(-1);
    out(
      `sent ${v.type} ${sent.message.id} to ${webhookUrl}: ${sent.delivery.state} (${last?.status ?? last?.error})`,
    );
    if (v.json) out(sent.delivery.body);
    return sent.delivery.state === 'delivered' ? 0 : 1;
  } finally {
    await sim.stop();
  }
}
