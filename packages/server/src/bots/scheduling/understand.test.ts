import { describe, expect, it } from 'vitest';
import { keepLanguage, languageOfPhone } from './read-language.ts';
import { normalise } from './read-text.ts';
import { intentOf, timeOf, understand } from './understand.ts';

// Wednesday 25 November 2026, 09:00 in São Paulo.
const NOW = new Date('2026-11-25T12:00:00Z');
const ZONE = 'America/Sao_Paulo';
const read = (text: string) => understand(text, NOW, ZONE);

describe('scheduling bot: understanding', () => {
  it('reads "quero marcar amanhã às 15h" as a booking tomorrow at 15:00, in Portuguese', () => {
    expect(read('quero marcar amanhã às 15h')).toEqual({
      intent: 'book',
      language: 'pt',
      date: { year: 2026, month: 11, day: 26 },
      dateEnd: null,
      time: { hour: 15, minute: 0 },
      partOfDay: null,
    });
  });

  it('reads "can I move my appointment to next Tuesday?" as a reschedule to 1 December', () => {
    expect(read('can I move my appointment to next Tuesday?')).toMatchObject({
      intent: 'reschedule',
      language: 'en',
      date: { year: 2026, month: 12, day: 1 },
      time: null,
    });
  });

  it('reads the everyday ways of saying a time', () => {
    expect(timeOf('às 9h')).toEqual({ hour: 9, minute: 0 });
    expect(timeOf('15h30')).toEqual({ hour: 15, minute: 30 });
    expect(timeOf('at 3pm')).toEqual({ hour: 15, minute: 0 });
    expect(timeOf('10:45')).toEqual({ hour: 10, minute: 45 });
    expect(timeOf('sem horário')).toBeNull();
  });

  it('answers yes and no in both languages', () => {
    for (const y of ['sim', 'Sim, pode ser', 'yes please', 'ok']) expect(intentOf(y)).toBe('yes');
    for (const n of ['não', 'no thanks', 'outro horário']) expect(intentOf(n)).toBe('no');
  });
});

describe('scheduling bot: the defects of issue 20, each by name', () => {
  it('wrong day: "pode ser as 3 da tarde amanhã?" is tomorrow at 15:00, not today', () => {
    expect(read('pode ser as 3 da tarde amanhã?')).toMatchObject({
      intent: 'book',
      date: { year: 2026, month: 11, day: 26 },
      time: { hour: 15, minute: 0 },
    });
  });

  it('wrong day: "sábado dia 12/12 às 9h" is Saturday the 12th, not the coming Saturday', () => {
    expect(read('sábado dia 12/12 às 9h')).toMatchObject({
      date: { year: 2026, month: 12, day: 12 },
      time: { hour: 9, minute: 0 },
    });
  });

  it('wrong day: "depois de amanhã de manhã" is the day after tomorrow, in the morning', () => {
    expect(read('depois de amanhã de manhã')).toMatchObject({
      date: { year: 2026, month: 11, day: 27 },
      partOfDay: 'morning',
    });
  });

  it('not read: "meio dia", "15hrs", "terca", "sxta", "hj", "dia 10", "semana que vem"', () => {
    expect(read('meio dia').time).toEqual({ hour: 12, minute: 0 });
    expect(read('15hrs').time).toEqual({ hour: 15, minute: 0 });
    expect(read('terca').date).toEqual({ year: 2026, month: 12, day: 1 });
    expect(read('sxta').date).toEqual({ year: 2026, month: 11, day: 27 });
    expect(read('hj').date).toEqual({ year: 2026, month: 11, day: 25 });
    expect(read('dia 10').date).toEqual({ year: 2026, month: 12, day: 10 });
    expect(read('semana que vem')).toMatchObject({
      date: { year: 2026, month: 11, day: 30 },
      dateEnd: { year: 2026, month: 12, day: 6 },
    });
  });

  it('"obrigado", "minhas marcações" and "falar com o dono" are Portuguese, with their intents', () => {
    expect(read('obrigado')).toMatchObject({ intent: 'thanks', language: 'pt' });
    expect(read('minhas marcações')).toMatchObject({ intent: 'list', language: 'pt' });
    expect(read('falar com o dono')).toMatchObject({ intent: 'human', language: 'pt' });
  });

  it('complaints are told apart from requests', () => {
    expect(intentOf('péssimo atendimento, quero falar com o gerente')).toBe('complaint');
    expect(intentOf('this is unacceptable')).toBe('complaint');
    expect(intentOf('quero marcar para 2 pessoas')).toBe('book');
  });

  it('"boa tarde" is a greeting, not a wish for the afternoon', () => {
    expect(read('boa tarde, tem horário amanhã?').partOfDay).toBeNull();
  });
});

describe('scheduling bot: the contact keeps a language', () => {
  it('is set by the first telling message, kept through short replies, changed only by a clear one', () => {
    expect(keepLanguage(null, normalise('obrigado'), 'en')).toBe('pt');
    expect(keepLanguage(null, normalise('ok'), 'pt')).toBe('pt');
    expect(keepLanguage('pt', normalise('ok'), 'en')).toBe('pt');
    expect(keepLanguage('pt', normalise('Fri 27 Nov 3:00 PM'), 'en')).toBe('pt');
    expect(keepLanguage('pt', normalise('thanks'), 'en')).toBe('pt');
    expect(keepLanguage('pt', normalise('I would like to book for tomorrow'), 'pt')).toBe('en');
    expect(keepLanguage('en', normalise('quero marcar para amanhã'), 'en')).toBe('pt');
  });

  it('guesses from the phone number before any telling message', () => {
    expect(languageOfPhone('5511999990000')).toBe('pt');
    expect(languageOfPhone('14155550100')).toBe('en');
    expect(languageOfPhone(null)).toBe('en');
  });
});
