// The scheduling bot's view of a tenant's calendar. The dialogue depends on this port only; the
// PostgreSQL adapter (calendar-store.ts) puts the "one customer per slot" rule in a database
// constraint, and tests use the in-memory one.
import type { Availability, Interval } from './slots.ts';

export interface Service {
  id: string;
  name: string;
  durationMin: number;
  priceCents: number | null;
  /** Other words customers use for it ("cabelo", "haircut"), set by the business. */
  synonyms?: string[];
}

export interface Appointment {
  id: string;
  serviceId: string;
  serviceName: string;
  staffId: string;
  start: Date;
  end: Date;
}

export interface CalendarSettings {
  availability: Availability;
  services: Service[];
  /** Staff members or resources; each takes one appointment at a time. */
  staff: { id: string; name: string }[];
  /** How far ahead slots are offered. */
  horizonDays: number;
}

export type BookResult = { ok: true; appointment: Appointment } | { ok: false; reason: 'taken' };

export interface SchedulingCalendar {
  settings(): Promise<CalendarSettings>;
  /** Booked intervals per staff member between from and to. */
  bookings(from: Date, to: Date): Promise<(Interval & { staffId: string; id: string })[]>;
  /**
   * Books the slot with the named staff member, or any free one; 'taken' when another customer got
   * it first.
   */
  book(contactId: string, serviceId: string, start: Date, staffId?: string | null): Promise<BookResult>;
  upcoming(contactId: string, now: Date): Promise<Appointment[]>;
  cancel(appointmentId: string): Promise<void>;
  /** Moves an appointment; 'taken' when the new slot is gone. */
  reschedule(appointmentId: string, start: Date, staffId?: string | null): Promise<BookResult>;
}
