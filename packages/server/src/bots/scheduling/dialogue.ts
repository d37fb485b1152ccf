// The scheduling bot's conversation: book, see free slots, reschedule, cancel, or ask for a
// person, in Portuguese or English. State lives in the conversation's bot session (JSON), so any
// worker continues a conversation where another stopped; the language lives with the contact.
// What was asked stays in the state across turns ("sexta de manhã" then "às 10" is Friday 10:00),
// a slot is checked against the hours and the clock again when it is confirmed or tapped, and a
// customer the bot cannot serve (a complaint, a voice note, not understood twice, no free slots)
// is handed to a person — the bot says so only when it does so.
import { DateTime } from 'luxon';
import { type BotAction, type BotContext, type BotResult, buttons, text } from '../bot.ts';
import type { CalendarSettings, SchedulingCalendar, Service } from './calendar.ts';
import { chooseNamed, chooseStaff } from './choose.ts';
import { copy } from './copy.ts';
import { keepLanguage, languageOfPhone } from './read-language.ts';
import { normalise } from './read-text.ts';
import { formatSlot, formatSlotShort, freeSlots, pickSlots } from './slots.ts';
import { isTimeZone } from './time-zone.ts';
import {
  emptyUnderstanding,
  type Intent,
  type Language,
  type LocalDate,
  type PartOfDay,
  type Understanding,
} from './understand.ts';
import { deterministicUnderstander, type Understander } from './understander.ts';

/** What the customer asked for so far: later turns refine it. */
export interface Wish {
  date: LocalDate | null;
  dateEnd: LocalDate | null;
  time: { hour: number; minute: number } | null;
  partOfDay: PartOfDay | null;
}

interface State {
  step: 'idle' | 'choosing_service' | 'choosing' | 'confirming' | 'confirming_cancel';
  language: Language;
  /** Set while rescheduling: the appointment being moved. */
  moving: string | null;
  slot: string | null;
  serviceId: string | null;
  staffId: string | null;
  wish: Wish;
  /** The slots of the last list, in order (for a "sim" after it). */
  offered: string[];
  /** Turns in a row the bot did not understand. */
  misunderstood: number;
}

const NO_WISH: Wish = { date: null, dateEnd: null, time: null, partOfDay: null };

const initial = (language: Language): State => ({
  step: 'idle',
  language,
  moving: null,
  slot: null,
  serviceId: null,
  staffId: null,
  wish: NO_WISH,
  offered: [],
  misunderstood: 0,
});

/** A new day replaces the old one; a time refines the day asked before, and replaces a part of day. */
export function mergeWish(before: Wish, u: Pick<Understanding, keyof Wish>): Wish {
  const date = u.date ?? before.date;
  const dateEnd = u.date ? u.dateEnd : before.dateEnd;
  if (u.time) return { date, dateEnd, time: u.time, partOfDay: u.partOfDay };
  if (u.partOfDay) return { date, dateEnd, time: null, partOfDay: u.partOfDay };
  return { date, dateEnd, time: before.time, partOfDay: before.partOfDay };
}

const SLOT = 'slot:';
const SERVICE = 'service:';
const MAX_OFFERED = 10; // WhatsApp lists hold at most ten rows.
const MIN_NOTICE_MIN = 60;
const VOICE = new Set(['audio', 'voice']);

const slotId = (serviceId: string, d: Date) => `${SLOT}${serviceId}@${d.toISOString()}`;
/** "slot:<service>@<iso>", or the older "slot:<iso>" rows still on customers' phones. */
function parseSlotId(id: string): { serviceId: string | null; start: Date } | null {
  const rest = id.slice(SLOT.length);
  const at = rest.indexOf('@');
  const start = new Date(at >= 0 ? rest.slice(at + 1) : rest);
  if (Number.isNaN(start.getTime())) return null;
  return { serviceId: at >= 0 ? rest.slice(0, at) : null, start };
}

const handoff = (say: string, reason: string): BotAction[] => [text(say), { type: 'handoff', reason }];

export function schedulingDialogue(
  calendar: SchedulingCalendar,
  understander: Understander = deterministicUnderstander,
) {
  /** The free slots for a service between two times, for the chosen staff member or any. */
  const search = async (
    settings: CalendarSettings,
    service: Service,
    staffId: string | null,
    from: Date,
    to: Date,
    now: Date,
    except: string | null,
  ) => {
    const bookings = (await calendar.bookings(from, to)).filter((b) => b.id !== except);
    const candidates = freeSlots({
      availability: settings.availability,
      durationMin: service.durationMin,
      from,
      to,
      busy: [],
      now,
      minNoticeMin: MIN_NOTICE_MIN,
    });
    const end = (d: Date) => d.getTime() + service.durationMin * 60_000;
    const staff = settings.staff.filter((st) => !staffId || st.id === staffId);
    // A slot is free when some staff member has nothing booked across it.
    return candidates.filter((d) =>
      staff.some(
        (st) => !bookings.some((b) => b.staffId === st.id && d < b.end && b.start.getTime() < end(d)),
      ),
    );
  };

  const offerSlots = async (
    ctx: BotContext,
    settings: CalendarSettings,
    s: State,
    service: Service,
    lead?: string,
  ): Promise<BotResult> => {
    const t = copy(s.language);
    const zone = settings.availability.zone;
    const w = s.wish;
    const horizon = new Date(ctx.now.getTime() + settings.horizonDays * 86_400_000);
    const dayOf = (d: LocalDate) => DateTime.fromObject(d, { zone });
    const find = (from: Date, to: Date) => search(settings, service, s.staffId, from, to, ctx.now, s.moving);
    // Look at the days asked for first; the whole horizon only when they have nothing (or none were asked).
    let free = w.date
      ? await find(
          dayOf(w.date).startOf('day').toJSDate(),
          dayOf(w.dateEnd ?? w.date)
            .endOf('day')
            .toJSDate(),
        )
      : await find(ctx.now, horizon);
    if (free.length === 0 && w.date) free = await find(ctx.now, horizon);
    let offered = pickSlots(free, w, zone, MAX_OFFERED);
    let intro = lead ? `${lead} ` : '';
    if (offered.length === 0 && (w.date || w.partOfDay || w.time)) {
      offered = free.slice(0, MAX_OFFERED);
      if (offered.length > 0) intro += `${t.noneThatDay} `;
    }
    if (offered.length === 0)
      return {
        actions: handoff(`${intro}${t.noSlots}`, 'the scheduling bot found no free slots'),
        state: { ...initial(s.language) },
      };
    // An exact time that is free on the day asked: ask to confirm it rather than show a list.
    const first = DateTime.fromJSDate(offered[0]!, { zone });
    if (w.time && w.date && !w.dateEnd && first.hour === w.time.hour && first.minute === w.time.minute) {
      const exact = offered[0]!;
      return {
        actions: [
          buttons(`${intro}${t.confirmSlot(service.name, formatSlot(exact, zone, s.language))}`, [
            { id: 'yes', title: t.yes },
            { id: 'no', title: t.otherTime },
          ]),
        ],
        state: { ...s, step: 'confirming', slot: exact.toISOString(), serviceId: service.id, offered: [] },
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
                id: slotId(service.id, d),
                title: formatSlotShort(d, zone, s.language),
                description: `${service.name} · ${formatSlot(d, zone, s.language)}`.slice(0, 72),
              })),
            },
          ],
        },
      },
    };
    return {
      actions: [action],
      state: {
        ...s,
        step: 'choosing',
        serviceId: service.id,
        slot: null,
        offered: offered.map((d) => d.toISOString()),
      },
    };
  };

  /** The service the customer means, or a question asking which (when several are offered). */
  const withService = async (ctx: BotContext, settings: CalendarSettings, s: State): Promise<BotResult> => {
    const service =
      settings.services.find((x) => x.id === s.serviceId) ??
      (settings.services.length === 1 ? settings.services[0] : undefined);
    if (service) return offerSlots(ctx, settings, s, service);
    const t = copy(s.language);
    return {
      actions: [
        {
          type: 'reply',
          reply: {
            kind: 'interactive',
            body: {
              type: 'list',
              body: { text: t.chooseService },
              button: t.seeServices,
              sections: [
                {
                  rows: settings.services.slice(0, MAX_OFFERED).map((x) => ({
                    id: `${SERVICE}${x.id}`,
                    title: x.name.slice(0, 24),
                    description: `${x.durationMin} min`,
                  })),
                },
              ],
            },
          },
        },
      ],
      state: { ...s, step: 'choosing_service' },
    };
  };

  /** Books (or moves to) a slot after checking it again: not past, within the hours, still free. */
  const settle = async (
    ctx: BotContext,
    settings: CalendarSettings,
    s: State,
    start: Date,
    serviceId: string,
  ): Promise<BotResult> => {
    const t = copy(s.language);
    const zone = settings.availability.zone;
    const service = settings.services.find((x) => x.id === serviceId);
    if (!service) return withService(ctx, settings, { ...s, serviceId: null });
    const local = DateTime.fromJSDate(start, { zone });
    // Offer that same day again when the slot cannot be had.
    const sameDay: State = {
      ...s,
      serviceId: service.id,
      wish: { ...NO_WISH, date: { year: local.year, month: local.month, day: local.day } },
    };
    if (start.getTime() <= ctx.now.getTime())
      return offerSlots(ctx, settings, { ...sameDay, wish: NO_WISH }, service, t.past);
    const day = await search(
      settings,
      service,
      s.staffId,
      local.startOf('day').toJSDate(),
      local.endOf('day').toJSDate(),
      ctx.now,
      s.moving,
    );
    if (!day.some((d) => d.getTime() === start.getTime()))
      return offerSlots(ctx, settings, sameDay, service, t.gone);
    const result = s.moving
      ? await calendar.reschedule(s.moving, start, s.staffId)
      : await calendar.book(ctx.contact.id, service.id, start, s.staffId);
    if (!result.ok) return offerSlots(ctx, settings, sameDay, service, t.taken);
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

  const helpMenu = (ctx: BotContext, s: State, lead = ''): BotResult => {
    const t = copy(s.language);
    return {
      actions: [
        buttons(`${lead}${t.help(ctx.contact.name)}`.trim(), [
          { id: 'menu:book', title: t.menuBook },
          { id: 'menu:list', title: t.menuList },
          { id: 'menu:human', title: t.menuHuman },
        ]),
      ],
      state: { ...s, step: 'idle' },
    };
  };

  const turn = async (ctx: BotContext, settings: CalendarSettings, s: State): Promise<BotResult> => {
    const t = copy(s.language);
    const zone = settings.availability.zone;
    const choice = ctx.message.choiceId;
    const said = choice ? null : ctx.message.text;

    if (VOICE.has(ctx.message.kind))
      return {
        actions: handoff(t.audio, 'the customer sent a voice message'),
        state: { ...s, step: 'idle' },
      };
    if (settings.services.length === 0)
      return {
        actions: handoff(t.handingOff, 'the scheduling bot has no services configured'),
        state: { ...s },
      };
    if (!isTimeZone(zone))
      return {
        actions: handoff(t.handingOff, `the scheduling settings name an unknown time zone (${zone})`),
        state: { ...s },
      };

    let u = said ? await understander.read(said, ctx.now, zone) : emptyUnderstanding();
    // The help menu's buttons stand for what their titles say; yes/no buttons for their answer.
    if (choice?.startsWith('menu:')) u = { ...u, intent: choice.slice(5) as Intent };
    if (choice === 'yes' || choice === 'no') u = { ...u, intent: choice };

    if (u.intent === 'complaint')
      return { actions: handoff(t.complaint, 'the customer complained'), state: { ...s, step: 'idle' } };
    if (u.intent === 'human')
      return {
        actions: handoff(t.handingOff, 'the customer asked for a person'),
        state: { ...initial(s.language) },
      };

    if (choice?.startsWith(SERVICE)) {
      const serviceId = choice.slice(SERVICE.length);
      return withService(ctx, settings, { ...s, serviceId, misunderstood: 0 });
    }
    if (choice?.startsWith(SLOT)) {
      const slot = parseSlotId(choice);
      const serviceId = slot?.serviceId ?? s.serviceId ?? settings.services[0]!.id;
      if (!slot) return helpMenu(ctx, s);
      return settle(ctx, settings, { ...s, misunderstood: 0 }, slot.start, serviceId);
    }

    // A service or staff member named in the words is remembered for this booking.
    if (said) {
      const service = chooseNamed(said, settings.services);
      const staff = chooseStaff(said, settings.staff);
      s = { ...s, serviceId: service?.id ?? s.serviceId, staffId: staff?.id ?? s.staffId };
    }
    const understood = u.intent !== 'unknown';
    if (understood) s = { ...s, misunderstood: 0 };

    if (s.step === 'confirming' && s.slot && s.serviceId) {
      if (u.intent === 'yes') return settle(ctx, settings, s, new Date(s.slot), s.serviceId);
      if (u.intent === 'no')
        return withService(ctx, settings, { ...s, slot: null, wish: { ...s.wish, time: null } });
    }
    if (s.step === 'confirming_cancel' && s.moving) {
      if (u.intent === 'yes') {
        await calendar.cancel(s.moving);
        return { actions: [text(t.cancelled)], state: { ...initial(s.language) } };
      }
      if (u.intent === 'no') return { actions: [text(t.kept)], state: { ...initial(s.language) } };
    }
    if (s.step === 'choosing') {
      // "sim" after a list: the first time listed, to be confirmed.
      const first = s.offered.map((iso) => new Date(iso)).find((d) => d > ctx.now);
      if (u.intent === 'yes' && first && s.serviceId) {
        const service = settings.services.find((x) => x.id === s.serviceId);
        if (service)
          return {
            actions: [
              buttons(t.confirmSlot(service.name, formatSlot(first, zone, s.language)), [
                { id: 'yes', title: t.yes },
                { id: 'no', title: t.otherTime },
              ]),
            ],
            state: { ...s, step: 'confirming', slot: first.toISOString() },
          };
      }
      if (u.intent === 'no') return { actions: [text(t.anotherDay)], state: { ...s } };
    }

    const upcoming = async () => (await calendar.upcoming(ctx.contact.id, ctx.now))[0] ?? null;
    // A request continues what was asked while a question is open; otherwise it starts afresh.
    const asking = s.step !== 'idle';
    const wish = mergeWish(asking ? s.wish : NO_WISH, u);
    switch (u.intent) {
      case 'cancel': {
        const appt = await upcoming();
        if (!appt) return { actions: [text(t.nothingToChange)], state: { ...initial(s.language) } };
        const when = formatSlot(appt.start, zone, s.language);
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
        return withService(ctx, settings, {
          ...s,
          moving: appt.id,
          serviceId: appt.serviceId,
          staffId: s.staffId,
          wish: mergeWish(NO_WISH, u),
        });
      }
      case 'list': {
        const all = await calendar.upcoming(ctx.contact.id, ctx.now);
        const lines = all.map((a) => `• ${a.serviceName}: ${formatSlot(a.start, zone, s.language)}`);
        return {
          actions: [text(all.length > 0 ? `${t.yourAppointments}\n${lines.join('\n')}` : t.noAppointments)],
          state: { ...s },
        };
      }
      case 'thanks':
      case 'yes':
      case 'no':
        return { actions: [text(t.welcome)], state: { ...s } };
      case 'book':
      case 'availability':
        return withService(ctx, settings, { ...s, moving: asking ? s.moving : null, wish });
      case 'greeting':
        return helpMenu(ctx, s);
      default: {
        // Not understood: a hint the first time, a person the second.
        const misunderstood = s.misunderstood + 1;
        if (misunderstood >= 2)
          return {
            actions: handoff(t.notUnderstood, 'the bot did not understand the customer twice'),
            state: { ...s, step: 'idle', misunderstood: 0 },
          };
        return helpMenu(ctx, { ...s, misunderstood }, `${t.didNotUnderstand} `);
      }
    }
  };

  return async function onMessage(ctx: BotContext): Promise<BotResult> {
    const settings = await calendar.settings();
    const saved = ctx.state as Partial<State>;
    const kept = ctx.contact.language ?? saved.language ?? null;
    const typed = ctx.message.choiceId ? null : ctx.message.text;
    // Only what the customer typed tells the language: a tapped row's title is our own words.
    const language = typed
      ? keepLanguage(kept, normalise(typed), languageOfPhone(ctx.contact.waId))
      : (kept ?? languageOfPhone(ctx.contact.waId));
    const s: State = { ...initial(language), ...saved, language, wish: { ...NO_WISH, ...saved.wish } };
    const result = await turn(ctx, settings, s);
    return { ...result, contactLanguage: language };
  };
}
