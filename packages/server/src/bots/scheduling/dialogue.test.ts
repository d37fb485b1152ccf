import { describe, expect, it } from 'vitest';
import type { BotAction, BotContext, BotResult } from '../bot.ts';
import type { CalendarSettings } from './calendar.ts';
import { schedulingDialogue } from './dialogue.ts';
import { createMemoryCalendar } from './memory-calendar.ts';

const ZONE = 'America/Sao_Paulo';
const weekday = [{ start: '09:00', end: '18:00' }];
const settings: CalendarSettings = {
  availability: {
    zone: ZONE,
    hours: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday },
    breaks: {},
    holidays: [],
  },
  services: [{ id: 'cut', name: 'Corte de cabelo', durationMin: 60, priceCents: 5000 }],
  staff: [{ id: 'ana', name: 'Ana' }],
  horizonDays: 14,
};
// Wednesday 25 November 2026, 09:00 in São Paulo.
const NOW = new Date('2026-11-25T12:00:00Z');

function chat(calendar = createMemoryCalendar(settings), contactId = 'c1', opts: { now?: Date } = {}) {
  const bot = schedulingDialogue(calendar);
  let state: Record<string, unknown> = {};
  // The contact's language as the bot turn keeps it (contacts.language).
  let language: 'pt' | 'en' | null = null;
  let now = opts.now ?? NOW;
  const send = async (kind: string, text: string | null, choiceId: string | null): Promise<BotResult> => {
    const ctx: BotContext = {
      tenantId: 't',
      conversationId: `conv-${contactId}`,
      contact: { id: contactId, name: 'Maria', waId: '5511999990000', language },
      message: { waMessageId: null, kind, text, choiceId },
      state,
      now,
    };
    const r = await bot(ctx);
    state = r.state;
    language = r.contactLanguage ?? language;
    return r;
  };
  const say = (text: string | null, choiceId: string | null = null) =>
    send(choiceId ? 'interactive' : 'text', text, choiceId);
  return {
    say,
    send,
    calendar,
    language: () => language,
    setNow: (d: Date) => {
      now = d;
    },
  };
}

const replyText = (a: BotAction | undefined): string => {
  if (a?.type !== 'reply') return '';
  return a.reply.kind === 'text' ? a.reply.body.body : a.reply.body.body.text;
};
const rows = (r: BotResult) => {
  const a = r.actions[0];
  return a?.type === 'reply' && a.reply.kind === 'interactive' && a.reply.body.type === 'list'
    ? a.reply.body.sections[0]!.rows
    : [];
};

describe('scheduling bot: conversations', () => {
  it('books "quero marcar amanhã às 15h" after a yes, in Portuguese', async () => {
    const { say, calendar } = chat();
    const ask = await say('quero marcar amanhã às 15h');
    expect(replyText(ask.actions[0])).toBe(
      'Corte de cabelo em quinta-feira, 26/11 às 15:00. Posso confirmar?',
    );
    const done = await say(null, 'yes');
    expect(replyText(done.actions[0])).toBe(
      'Confirmado! Corte de cabelo em quinta-feira, 26/11 às 15:00. Até lá!',
    );
    expect(calendar.rows.map((r) => r.start.toISOString())).toEqual(['2026-11-26T18:00:00.000Z']);
  });

  it('offers Friday afternoon slots as a list and books the chosen one, in English', async () => {
    const { say, calendar } = chat();
    const offer = await say("what's free on Friday afternoon?");
    expect(rows(offer).map((r) => r.title)).toEqual([
      'Fri 27 Nov 12:00 PM',
      'Fri 27 Nov 1:00 PM',
      'Fri 27 Nov 2:00 PM',
      'Fri 27 Nov 3:00 PM',
      'Fri 27 Nov 4:00 PM',
      'Fri 27 Nov 5:00 PM',
    ]);
    expect(rows(offer).every((r) => r.title.length <= 24)).toBe(true);
    const done = await say(null, rows(offer)[2]!.id);
    expect(replyText(done.actions[0])).toBe(
      'Confirmed! Corte de cabelo on Friday 27 Nov at 2:00 PM. See you then!',
    );
    expect(done.actions).toContainEqual({ type: 'labels', add: ['scheduled'] });
    expect(calendar.rows).toHaveLength(1);
  });

  it('moves an appointment to next Tuesday', async () => {
    const { say, calendar } = chat();
    await say('book tomorrow at 10am');
    await say('yes');
    const offer = await say('can I move my appointment to next Tuesday?');
    expect(rows(offer)[0]?.title).toBe('Tue 1 Dec 9:00 AM');
    const done = await say(null, rows(offer)[0]!.id);
    expect(replyText(done.actions[0])).toBe('Moved! Corte de cabelo is now on Tuesday 1 Dec at 9:00 AM.');
    expect(calendar.rows.filter((r) => !r.cancelled).map((r) => r.start.toISOString())).toEqual([
      '2026-12-01T12:00:00.000Z',
    ]);
  });

  it('cancels after asking, and keeps it on no', async () => {
    const { say, calendar } = chat();
    await say('quero marcar amanhã às 11h');
    await say('sim');
    const ask = await say('quero cancelar');
    expect(replyText(ask.actions[0])).toBe('Cancelar Corte de cabelo em quinta-feira, 26/11 às 11:00?');
    expect(replyText((await say('não')).actions[0])).toBe('Combinado, sua marcação continua de pé.');
    await say('quero cancelar');
    expect(replyText((await say(null, 'yes')).actions[0])).toBe('Pronto, sua marcação foi cancelada.');
    expect(calendar.rows.every((r) => r.cancelled)).toBe(true);
  });

  it('hands off to a person when asked', async () => {
    const { say } = chat();
    const r = await say('quero falar com um atendente');
    expect(r.actions).toContainEqual({ type: 'handoff', reason: 'the customer asked for a person' });
  });

  it('gives the slot to one of two customers choosing it at once, and offers the other the next ones', async () => {
    const calendar = createMemoryCalendar(settings);
    const maria = chat(calendar, 'maria');
    const joao = chat(calendar, 'joao');
    const slot = rows(await maria.say('book friday afternoon'))[0]!.id;
    await joao.say('book friday afternoon');
    const [a, b] = await Promise.all([maria.say(null, slot), joao.say(null, slot)]);
    const texts = [replyText(a.actions[0]), replyText(b.actions[0])];
    expect(texts.filter((t) => t.startsWith('Confirmed!'))).toHaveLength(1);
    const loser = texts[0]!.startsWith('Confirmed!') ? b : a;
    expect(replyText(loser.actions[0])).toMatch(/^That time was just taken by someone else\./);
    expect(rows(loser).map((r) => r.id)).not.toContain(slot);
    expect(calendar.rows).toHaveLength(1);
  });
});

const salon: CalendarSettings = {
  ...settings,
  services: [
    { id: 'barba', name: 'Barba', durationMin: 30, priceCents: 3000 },
    { id: 'corte', name: 'Corte de cabelo', durationMin: 60, priceCents: 5000, synonyms: ['haircut'] },
    { id: 'unha', name: 'Manicure', durationMin: 60, priceCents: 4000 },
  ],
  staff: [
    { id: 'ana', name: 'Ana' },
    { id: 'bia', name: 'Bia' },
  ],
};
const handoffOf = (r: BotResult) => r.actions.find((a) => a.type === 'handoff');
const buttonsOf = (r: BotResult) => {
  const a = r.actions[0];
  return a?.type === 'reply' && a.reply.kind === 'interactive' && a.reply.body.type === 'button'
    ? a.reply.body.buttons.map((b) => b.id)
    : [];
};

describe('scheduling bot: the defects of issue 20 in conversation, each by name', () => {
  it('English to Portuguese customers: a list tap, "obrigado", "minhas marcações" and "falar com o dono" stay Portuguese', async () => {
    const c = chat();
    const offer = await c.say('tem horário sexta à tarde?');
    expect(c.language()).toBe('pt');
    // The row title ("sex 27/11 14:00") is the bot's own words: it tells nothing about the customer.
    const booked = await c.say(rows(offer)[2]!.title, rows(offer)[2]!.id);
    expect(replyText(booked.actions[0])).toMatch(/^Confirmado! Corte de cabelo em sexta-feira, 27\/11/);
    expect(replyText((await c.say('obrigado')).actions[0])).toMatch(/^De nada!/);
    expect(replyText((await c.say('minhas marcações')).actions[0])).toMatch(/^Suas próximas marcações:/);
    expect(replyText((await c.say('ok')).actions[0])).toMatch(/^De nada!/);
    const human = await c.say('falar com o dono');
    expect(replyText(human.actions[0])).toBe('Certo! Vou chamar alguém da equipe para falar com você. 🙂');
    expect(handoffOf(human)).toBeDefined();
    expect(c.language()).toBe('pt');
  });

  it('no memory: "tem horário sexta de manhã?" then "pode ser às 10?" is Friday 10:00', async () => {
    const c = chat();
    const offer = await c.say('tem horário sexta de manhã?');
    expect(rows(offer).map((r) => r.title)).toEqual([
      'sex. 27/11 09:00',
      'sex. 27/11 10:00',
      'sex. 27/11 11:00',
    ]);
    const ask = await c.say('pode ser às 10?');
    expect(replyText(ask.actions[0])).toBe(
      'Corte de cabelo em sexta-feira, 27/11 às 10:00. Posso confirmar?',
    );
    await c.say('sim');
    expect(c.calendar.rows.map((r) => r.start.toISOString())).toEqual(['2026-11-27T13:00:00.000Z']);
  });

  it('no memory: "sim" after a list asks to confirm its first time instead of bringing back the menu', async () => {
    const c = chat();
    const offer = await c.say('tem horário sexta de manhã?');
    const yes = await c.say('sim');
    expect(replyText(yes.actions[0])).toBe(
      'Corte de cabelo em sexta-feira, 27/11 às 09:00. Posso confirmar?',
    );
    expect(buttonsOf(yes)).toEqual(['yes', 'no']);
    expect(rows(offer)).toHaveLength(3);
    await c.say('sim');
    expect(c.calendar.rows.map((r) => r.start.toISOString())).toEqual(['2026-11-27T12:00:00.000Z']);
  });

  it('no choice of service: "quero marcar um corte de cabelo" books the haircut, not the first service', async () => {
    const c = chat(createMemoryCalendar(salon));
    const ask = await c.say('quero marcar um corte de cabelo amanhã às 15h');
    expect(replyText(ask.actions[0])).toBe(
      'Corte de cabelo em quinta-feira, 26/11 às 15:00. Posso confirmar?',
    );
    await c.say('sim');
    expect(c.calendar.rows.map((r) => r.serviceId)).toEqual(['corte']);
  });

  it('asks which service when the words name none, and books the one chosen, with the staff member named', async () => {
    const c = chat(createMemoryCalendar(salon));
    const ask = await c.say('quero marcar amanhã às 10h com a Bia');
    expect(replyText(ask.actions[0])).toBe('Qual serviço você quer marcar?');
    expect(rows(ask).map((r) => r.id)).toEqual(['service:barba', 'service:corte', 'service:unha']);
    const confirm = await c.say('Manicure', 'service:unha');
    expect(replyText(confirm.actions[0])).toBe('Manicure em quinta-feira, 26/11 às 10:00. Posso confirmar?');
    await c.say(null, 'yes');
    expect(c.calendar.rows.map((r) => [r.serviceId, r.staffId])).toEqual([['unha', 'bia']]);
  });

  it('reads a service by a synonym the business gave it', async () => {
    const c = chat(createMemoryCalendar(salon));
    await c.say('I want a haircut tomorrow at 3pm');
    await c.say('yes');
    expect(c.calendar.rows.map((r) => r.serviceId)).toEqual(['corte']);
  });

  it('no hand-off on confusion: not understood twice, a voice note or a complaint go to a person', async () => {
    const c = chat();
    const first = await c.say('asdfgh');
    expect(replyText(first.actions[0])).toMatch(/^Desculpe, não entendi\./);
    expect(handoffOf(first)).toBeUndefined();
    const second = await c.say('qwerty');
    expect(replyText(second.actions[0])).toBe(
      'Desculpe, não consegui entender. Vou chamar alguém da equipe para ajudar.',
    );
    expect(handoffOf(second)).toEqual({
      type: 'handoff',
      reason: 'the bot did not understand the customer twice',
    });

    const voice = await chat().send('audio', null, null);
    expect(handoffOf(voice)).toEqual({ type: 'handoff', reason: 'the customer sent a voice message' });
    expect(replyText(voice.actions[0])).toMatch(/não consigo ouvir áudios/);

    const complaint = await chat().say('péssimo atendimento, vocês são um absurdo');
    expect(handoffOf(complaint)).toEqual({ type: 'handoff', reason: 'the customer complained' });
  });

  it('an understood message between two confusing ones starts the count again', async () => {
    const c = chat();
    await c.say('asdfgh');
    await c.say('oi');
    expect(handoffOf(await c.say('qwerty'))).toBeUndefined();
  });

  it('"vou chamar alguém" is said only with a hand-off: no free slots hands the customer over', async () => {
    const closed = createMemoryCalendar({
      ...settings,
      availability: { ...settings.availability, hours: {} },
    });
    const r = await chat(closed).say('quero marcar amanhã');
    expect(replyText(r.actions[0])).toMatch(/Vou chamar alguém da equipe/);
    expect(handoffOf(r)).toEqual({ type: 'handoff', reason: 'the scheduling bot found no free slots' });
  });

  it('old buttons book neither the past nor a closed day, and say so', async () => {
    const c = chat();
    const offer = await c.say('tem horário amanhã de manhã?');
    const old = rows(offer)[0]!;
    // Tapped two days later: the slot is yesterday's.
    c.setNow(new Date('2026-11-27T12:00:00Z'));
    const late = await c.say(old.title, old.id);
    expect(replyText(late.actions[0])).toMatch(/^Esse horário já passou\./);
    expect(c.calendar.rows).toHaveLength(0);

    // A holiday set after the list was sent.
    const calendar = createMemoryCalendar({
      ...settings,
      availability: { ...settings.availability, holidays: ['2026-11-26'] },
    });
    const c2 = chat(calendar);
    const r = await c2.say(old.title, old.id);
    expect(replyText(r.actions[0])).toMatch(/^Esse horário não está mais disponível\./);
    expect(rows(r).every((x) => !x.title.includes('26/11'))).toBe(true);
    expect(calendar.rows).toHaveLength(0);
  });

  it('checks the slot again when it is confirmed', async () => {
    const calendar = createMemoryCalendar(settings);
    const c = chat(calendar);
    await c.say('quero marcar amanhã às 15h');
    // Someone else takes it between the question and the yes.
    await calendar.book('other', 'cut', new Date('2026-11-26T18:00:00Z'));
    const r = await c.say('sim');
    expect(replyText(r.actions[0])).toMatch(/^Esse horário não está mais disponível\./);
    expect(calendar.rows.filter((x) => x.contactId === 'c1')).toHaveLength(0);
  });
});

describe('scheduling bot: setup it cannot work with', () => {
  it('hands the customer to a person when the stored time zone does not exist, saying why', async () => {
    const mars = createMemoryCalendar({
      ...settings,
      availability: { ...settings.availability, zone: 'Mars/Olympus' },
    });
    const r = await chat(mars).say('quero marcar amanhã');
    expect(r.actions).toContainEqual({
      type: 'handoff',
      reason: 'the scheduling settings name an unknown time zone (Mars/Olympus)',
    });
  });
});
