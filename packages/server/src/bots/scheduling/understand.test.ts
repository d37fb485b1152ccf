import { describe, expect, it } from 'vitest';
import { intentOf, timeOf, understand } from './understand.ts';

// Wednesday 25 November 2026, 09:00 in São Paulo.
const NOW = new Date('2026-11-25T12:00:00Z');
const ZONE = 'America/Sao_Paulo';

describe('scheduling bot: understanding', () => {
  it('reads "quero marcar amanhã às 15h" as a booking tomorrow at 15:00, in Portuguese', () => {
    expect(understand('quero marcar amanhã às 15h', NOW, ZONE)).toEqual({
      intent: 'book',
      language: 'pt',
      date: { year: 2026, month: 11, day: 26 },
      time: { hour: 15, minute: 0 },
      partOfDay: null,
    });
  });

  it('reads "can I move my appointment to next Tuesday?" as a reschedule to 1 December', () => {
    const u = understand('can I move my appointment to next Tuesday?', NOW, ZONE);
    expect(u).toMatchObject({
      intent: 'reschedule',
      language: 'en',
      date: { year: 2026, month: 12, day: 1 },
      time: null,
    });
  });

  it('reads "what\'s free on Friday afternoon?" as availability on Friday, afternoon', () => {
    const u = understand("what's free on Friday afternoon?", NOW, ZONE);
    expect(u).toMatchObject({
      intent: 'availability',
      language: 'en',
      date: { year: 2026, month: 11, day: 27 },
      partOfDay: 'afternoon',
    });
  });

  it('reads Portuguese availability, cancellations and requests for a person', () => {
    expect(understand('tem horário livre na sexta de manhã?', NOW, ZONE)).toMatchObject({
      intent: 'availability',
      date: { year: 2026, month: 11, day: 27 },
      partOfDay: 'morning',
    });
    expect(intentOf('quero cancelar minha marcação')).toBe('cancel');
    expect(intentOf('preciso falar com um atendente')).toBe('human');
    expect(intentOf('I want to talk to a person')).toBe('human');
    expect(intentOf('quero remarcar para segunda')).toBe('reschedule');
  });

  it('reads the everyday ways of saying a time', () => {
    expect(timeOf('às 9h')).toEqual({ hour: 9, minute: 0 });
    expect(timeOf('15h30')).toEqual({ hour: 15, minute: 30 });
    expect(timeOf('at 3pm')).toEqual({ hour: 15, minute: 0 });
    expect(timeOf('10:45')).toEqual({ hour: 10, minute: 45 });
    expect(timeOf('3 da tarde')).toEqual({ hour: 15, minute: 0 });
    expect(timeOf('sem horário')).toBeNull();
  });

  it('answers yes and no in both languages', () => {
    for (const y of ['sim', 'Sim, pode ser', 'yes please', 'ok']) expect(intentOf(y)).toBe('yes');
    for (const n of ['não', 'no thanks', 'outro horário']) expect(intentOf(n)).toBe('no');
  });
});
