// The scheduling bot's conversation: book, see free slots, reschedule, cancel, or ask for a
// person, in Portuguese or English. State lives in the conversation's bot session (JSON), so any
// worker continues a conversation where another stopped.
import { DateTime } from 'luxon';
import { type BotAction, type BotContext, type BotResult, buttons, text } from '../bot.ts';
import type { SchedulingCalendar, Service } from './calendar.ts';
import { copy } from './copy.ts';
import { formatSlot, formatSlotShort, freeSlots, pickSlots } from './slots.ts';
import { emptyUnderstanding, type Intent, type Language, type Understanding } from './understand.ts';
import { deterministicUnderstander, type Understander } from './understander.ts';

interface State {
  step: 'idle' | 'choosing' | 'confirming' | 'confirming_cancel';
  language: Language;
  /** Set while rescheduling: the appointment being moved. */
  moving: string | null;
  slot: string | null;
  serviceId: string | null;
}

const initial = (language: Language): State => ({
  step: 'idle',
  language,
  moving: null,
  slot: null,
  serviceId: null,
});

const SLOT = 'slot:';
const MAX_OFFERED = 10; // WhatsApp lists hold at most ten rows.

export function schedulingDialogue(
  calendar: SchedulingCalendar,
  understander: Understander = deterministicUnderstander,
) {
  const offerSlots = async (
    ctx: BotContext,
    s: State,
    u: Understanding,
    service: Service,
    lead?: string,
  ): Promise<BotResult> => {
    const t = copy(s.language);
    const settings = await calendar.settings();
    const zone = settings.availability.zone;
    // Look at the day asked for first; the whole horizon only when it has nothing (or none was asked).
    const horizon = new Date(ctx.now.getTime() + settings.horizonDays * 86_400_000);
    const dayOf = (d: { year: number; month: number; day: number }) => DateTime.fromObject(d, { zone });
    const asked = u.date
      ? { from: dayOf(u.date).startOf('day').toJSDate(), to: dayOf(u.date).endOf('day').toJSDate() }
      : null;
    const search = async (from: Date, to: Date, limit?: number) => {
      const bookings = await calendar.bookings(from, to);
      // A slot is free when some staff member has nothing booked across it.
      const candidates = freeSlots({
        availability: settings.availability,
        durationMin: service.durationMin,
        from,
        to,
        busy: [],
        now: ctx.now,
      });
      const end = (d: Date) => d.getTime() + service.durationMin * 60_000;
      const free = candidates.filter((d) =>
        settings.staff.some(
          (st) => !bookings.some((b) => b.staffId === st.id && d < b.end && b.start.getTime() < end(d)),
        ),
      );
      return limit ? free.slice(0, limit) : free;
    };
    let free = asked ? await search(asked.from, asked.to) : await search(ctx.now, horizon);
    if (free.length === 0 && asked) free = await search(ctx.now, horizon, MAX_OFFERED * 4);
    let offered = pickSlots(free, u, zone, MAX_OFFERED);
    let intro = lead ? `${lead} ` : '';
    if (offered.length === 0 && (u.date || u.partOfDay || u.time)) {
      offered = free.slice(0, MAX_OFFERED);
      intro += offered.length > 0 ? t.noneThatDay : '';
    }
    if (offered.length === 0) return { actions: [text(t.noSlots)], state: { ...initial(s.language) } };
    // An exact time that is free: ask to confirm it rather than show a list.
    const first = offered[0] ? DateTime.fromJSDate(offered[0], { zone }) : null;
    const exact =
      u.time && first && first.hour === u.time.hour && first.minute === u.time.minute ? offered[0]! : null;
    if (exact && u.date) {
      const next: State = { ...s, step: 'confirming', slot: exact.toISOString(), serviceId: service.id };
      return {
        actions: [
          buttons(`${intro}${t.confirmSlot(service.name, formatSlot(exact, zone, s.language))}`, [
            { id: 'yes', title: t.yes },
            { id: 'no', title: t.otherTime },
          ]),
        ],
        state: { ...next },
      };
    }
    const action: BotAction = {
      type: 'reply',
      reply: {
        kind: 'interactive',
        body: {
          type: 'list',
          body: { text: `${intro}${t.chooseSlot(service.name)}`.trim() },
          button: t.seeTimes,
          sections: [
            {
              rows: offered.map((d) => ({
                id: `${SLOT}${d.toISOString()}`,
                title: formatSlotShort(d, zone, s.language),
                description: `${service.name} · ${formatSlot(d, zone, s.language)}`.slice(0, 72),
              })),
            },
          ],
        },
      },
    };
    return { actions: [action], state: { ...s, step: 'choosing', serviceId: service.id, slot: null } };
  };

  const settle = async (ctx: BotContext, s: State, start: Date, serviceId: string): Promise<BotResult> => {
    const t = copy(s.language);
    const settings = await calendar.settings();
    const zone = settings.availability.zone;
    const result = s.moving
      ? await calendar.reschedule(s.moving, start)
      : await calendar.book(ctx.contact.id, serviceId, start);
    if (!result.ok) {
      const service = settings.services.find((x) => x.id === serviceId) ?? settings.services[0]!;
      return offerSlots(ctx, { ...s, step: 'idle' }, emptyUnderstanding('book'), service, t.taken);
    }
    const when = formatSlot(result.appointment.start, zone, s.language);
    return {
      actions: [
        text(
          s.moving
            ? t.rescheduled(result.appointment.serviceName, when)
            : t.booked(result.appointment.serviceName, when),
        ),
        { type: 'labels', add: ['scheduled'] },
      ],
      state: { ...initial(s.language) },
    };
  };

  return async function onMessage(ctx: BotContext): Promise<BotResult> {
    const said = ctx.message.text ?? '';
    const choice = ctx.message.choiceId;
    const read = said
      ? await understander.read(said, ctx.now, (await calendar.settings()).availability.zone)
      : emptyUnderstanding();
    // The help menu's buttons stand for what their titles say.
    const u: Understanding = choice?.startsWith('menu:')
      ? { ...read, intent: choice.slice(5) as Intent }
      : read;
    const saved = ctx.state as Partial<State>;
    const s: State = {
      ...initial(u.language ?? 'pt'),
      ...saved,
      language: u.language ?? saved.language ?? 'pt',
    };
    const t = copy(s.language);
    const settings = await calendar.settings();
    const service = settings.services.find((x) => x.id === s.serviceId) ?? settings.services[0];
    if (!service)
      return {
        actions: [{ type: 'handoff', reason: 'the scheduling bot has no services configured' }],
        state: { ...s },
      };

    if (u.intent === 'human')
      return {
        actions: [text(t.handingOff), { type: 'handoff', reason: 'the customer asked for a person' }],
        state: { ...initial(s.language) },
      };

    if (choice?.startsWith(SLOT)) return settle(ctx, s, new Date(choice.slice(SLOT.length)), service.id);

    if (s.step === 'confirming' && s.slot) {
      if (choice === 'yes' || u.intent === 'yes') return settle(ctx, s, new Date(s.slot), service.id);
      if (choice === 'no' || u.intent === 'no')
        return offerSlots(ctx, { ...s, slot: null }, { ...u, time: null }, service);
    }
    if (s.step === 'confirming_cancel' && s.moving) {
      if (choice === 'yes' || u.intent === 'yes') {
        await calendar.cancel(s.moving);
        return { actions: [text(t.cancelled)], state: { ...initial(s.language) } };
      }
      if (choice === 'no' || u.intent === 'no')
        return { actions: [text(t.kept)], state: { ...initial(s.language) } };
    }

    const upcoming = async () => (await calendar.upcoming(ctx.contact.id, ctx.now))[0] ?? null;
    switch (u.intent) {
      case 'cancel': {
        const appt = await upcoming();
        if (!appt) return { actions: [text(t.nothingToChange)], state: { ...initial(s.language) } };
        const when = formatSlot(appt.start, settings.availability.zone, s.language);
        return {
          actions: [
            buttons(t.confirmCancel(appt.serviceName, when), [
              { id: 'yes', title: t.yesCancel },
              { id: 'no', title: t.keepIt },
            ]),
          ],
          state: { ...s, step: 'confirming_cancel', moving: appt.id },
        };
      }
      case 'reschedule': {
        const appt = await upcoming();
        if (!appt) return { actions: [text(t.nothingToChange)], state: { ...initial(s.language) } };
        const svc = settings.services.find((x) => x.id === appt.serviceId) ?? service;
        return offerSlots(ctx, { ...s, moving: appt.id, serviceId: svc.id }, u, svc);
      }
      case 'list': {
        const all = await calendar.upcoming(ctx.contact.id, ctx.now);
        const lines = all.map(
          (a) => `• ${a.serviceName}: ${formatSlot(a.start, settings.availability.zone, s.language)}`,
        );
        return {
          actions: [text(all.length > 0 ? `${t.yourAppointments}\n${lines.join('\n')}` : t.noAppointments)],
          state: { ...s },
        };
      }
      case 'book':
      case 'availability':
        return offerSlots(ctx, { ...s, moving: null }, u, service);
      default:
        // A date or time on its own continues whatever the customer was doing.
        if (u.date || u.time || u.partOfDay) return offerSlots(ctx, s, u, service);
        return {
          actions: [
            buttons(t.help(ctx.contact.name), [
              { id: 'menu:book', title: t.menuBook },
              { id: 'menu:list', title: t.menuList },
              { id: 'menu:human', title: t.menuHuman },
            ]),
          ],
          state: { ...s, step: 'idle' },
        };
    }
  };
}
