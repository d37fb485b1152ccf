import type { InboundInput, InboundType } from './inbound-messages.ts';

// What demo customers say: short, realistic threads for a small business (a barber shop and a
// delivery store), covering the message types an inbox must render.

export interface DemoStep {
  type: InboundType;
  input?: Omit<InboundInput, 'from'>;
}

export interface DemoCustomer {
  waId: string;
  name: string;
  steps: DemoStep[];
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    waId: '16505551234',
    name: 'Ana Souza',
    steps: [
      { type: 'text', input: { body: 'Hi! Can I book a haircut for Friday at 3pm?' } },
      { type: 'text', input: { body: 'Also, do you do beard trims?' } },
      { type: 'list_reply', input: { replyId: 'svc_beard', title: 'Beard trim', description: '20 minutes' } },
      { type: 'location', input: { locationName: 'Home', address: 'Rua Augusta, 200, Sao Paulo' } },
      { type: 'text', input: { body: 'Is there parking nearby?' } },
    ],
  },
  {
    waId: '447700900123',
    name: 'Oliver Bennett',
    steps: [
      { type: 'referral', input: { body: 'Hello, I saw your ad on Instagram. Is the 20% off still valid?' } },
      { type: 'image', input: { caption: 'This is the style I want' } },
      { type: 'text', input: { body: 'How much would that be?' } },
      { type: 'voice' },
      { type: 'text', input: { body: 'Great, thanks!' } },
    ],
  },
  {
    waId: '5511987654321',
    name: 'Mariana Alves',
    steps: [
      { type: 'text', input: { body: 'Oi! Meu pedido #2291 ainda não chegou 😕' } },
      { type: 'document', input: { caption: 'Comprovante' } },
      { type: 'order', input: { body: 'Quero adicionar estes itens' } },
      { type: 'text', input: { body: 'Pode entregar depois das 18h?' } },
    ],
  },
  {
    waId: '919820012345',
    name: 'Deepa Iyer',
    steps: [
      { type: 'text', input: { body: 'Hi, are you open on Sunday?' } },
      { type: 'contacts' },
      { type: 'text', input: { body: 'That is my husband, he will pick it up.' } },
      { type: 'sticker' },
      { type: 'unsupported' },
    ],
  },
];

/** What a demo customer answers when an agent replies. */
export const DEMO_REPLIES = [
  'Thanks!',
  'Perfect, see you then 👍',
  'Ok, one moment',
  'Could you send me the address?',
  'Sounds good.',
];
