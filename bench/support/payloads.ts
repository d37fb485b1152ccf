// Signed webhook bodies in Meta's shape, from the simulator's builders: one inbound text per POST,
// a fresh wamid each, spread over customers so they land in many conversations.
import {
  buildContact,
  buildEnvelope,
  buildMessagesValue,
  buildTextMessage,
  type Channel,
  messagesChange,
  signBody,
} from '@parley/wa-sim';

export interface SignedBody {
  id: string;
  body: string;
  signature: string;
}

let n = 0;

export function textWebhook(channel: Channel, appSecret: string, customers = 1000, perPost = 1): SignedBody {
  const messages = [];
  const contacts = [];
  let id = '';
  for (let i = 0; i < perPost; i++) {
    n++;
    const from = `1650${String((n % customers) + 1).padStart(7, '0')}`;
    const msg = buildTextMessage({
      from,
      id: `wamid.bench.${process.pid}.${Date.now().toString(36)}.${n}`,
      body: `load ${n}`,
    });
    id = msg.id;
    messages.push(msg);
    contacts.push(buildContact(from, `Customer ${from.slice(-4)}`));
  }
  const body = JSON.stringify(
    buildEnvelope([messagesChange(channel, buildMessagesValue(channel, { contacts, messages }))]),
  );
  return { id, body, signature: signBody(body, appSecret) };
}
