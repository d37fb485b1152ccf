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

function chat(calendar = createMemoryCalendar(settings), contactId = 'c1') {
  const bot = schedulingDialogue(calendar);
  let state: Record<string, unknown> = {};
  const say = async (text: string | null, choiceId: string | null = null): Promise<BotResult> => {
    const ctx: BotContext = {
      tenantId: 't',
      conversationId: `conv-${contactId}`,
      contact: { id: contactId, name: 'Maria', waId: '5511999990000' },
      message: { waMessageId: null, kind: choiceId ? 'interactive' : 'text', text, choiceId },
      state,
      now: NOW,
    };
    const r = await bot(ctx);
    state = r.state;
    return r;
  };
  return { say, calendar };
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
