// Reminders on the embedded database: each is sent in the contact's language, fails alone,
// visibly (a note in the conversation), is retried with back-off, and is never marked sent when
// it was not.
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../admin/accounts.ts';
import { createInProcessPubSub } from '../../pubsub/in-process.ts';
import { createSqlQueue } from '../../queue/embedded.ts';
import type { Db } from '../../store/db.ts';
import { openPglite } from '../../store/pglite.ts';
import { createSecretBox } from '../../store/secret-box.ts';
import { useMigratedDb } from '../../test-support/migrated-db.ts';
import { createBot } from '../bot-admin.ts';
import { loadSchedulingSettings } from './calendar-store.ts';
import { REMINDER_ATTEMPTS, type ReminderDeps, sendDueReminders } from './reminders.ts';

// The real clock: the outbound pipeline checks the 24-hour window against it.
const NOW = new Date();
const HOUR = 3_600_000;

describe('scheduling bot: reminders', () => {
  let db: Db;
  let deps: ReminderDeps;
  let tenantId: string;
  let channelId: string;
  let serviceId: string;
  let staffId: string;
  let seq = 0;
  useMigratedDb(
    async () => ({ db: await openPglite(null) }),
    (opened) => {
      db = opened;
    },
  );

  beforeAll(async () => {
    const pubsub = createInProcessPubSub();
    deps = {
      db,
      pubsub,
      prefix: 'rem',
      outbound: createSqlQueue({ db, name: 'outbound', pubsub }),
      log: pino({ level: process.env['SB_DEBUG'] ? 'warn' : 'silent' }),
    };
    tenantId = (await db.tx((q) => createTenant(q, 'Salon'))).id;
    await loadSchedulingSettings(db, tenantId);
    await db.query(
      "UPDATE sched_settings SET zone = 'America/Sao_Paulo', reminder_minutes = 120 WHERE tenant_id = $1",
      [tenantId],
    );
    await db.tx((q) =>
      createBot(q, createSecretBox('c'.repeat(64)), tenantId, {
        name: 'Agenda',
        kind: 'builtin',
        builtin: 'scheduling',
      }),
    );
    channelId = (
      await db.query<{ id: string }>(
        "INSERT INTO channels (tenant_id, name, phone_number_id) VALUES ($1, 'Salon', '1200300') RETURNING id",
        [tenantId],
      )
    ).rows[0]!.id;
    serviceId = (
      await db.query<{ id: string }>(
        "INSERT INTO sched_services (tenant_id, name, duration_min) VALUES ($1, 'Corte', 60) RETURNING id",
        [tenantId],
      )
    ).rows[0]!.id;
    staffId = (
      await db.query<{ id: string }>(
        "INSERT INTO sched_staff (tenant_id, name) VALUES ($1, 'Ana') RETURNING id",
        [tenantId],
      )
    ).rows[0]!.id;
  });

  /** A contact, their conversation (last written to `inboundAgo` ago) and an appointment in an hour. */
  async function appointment(language: 'pt' | 'en' | null, inboundAgo: number) {
    seq++;
    const contact = await db.query<{ id: string }>(
      'INSERT INTO contacts (tenant_id, wa_id, language) VALUES ($1, $2, $3) RETURNING id',
      [tenantId, `55119000000${seq}`, language],
    );
    const conv = await db.query<{ id: string }>(
      `INSERT INTO conversations (tenant_id, channel_id, contact_id, last_message_at, last_inbound_at)
       VALUES ($1, $2, $3, $4, $4) RETURNING id`,
      [tenantId, channelId, contact.rows[0]!.id, new Date(NOW.getTime() - inboundAgo)],
    );
    const start = new Date(NOW.getTime() + HOUR + seq * 2 * HOUR);
    const appt = await db.query<{ id: string }>(
      `INSERT INTO appointments (tenant_id, contact_id, conversation_id, service_id, staff_id, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        tenantId,
        contact.rows[0]!.id,
        conv.rows[0]!.id,
        serviceId,
        staffId,
        start,
        new Date(start.getTime() + HOUR),
      ],
    );
    return { id: appt.rows[0]!.id, conversationId: conv.rows[0]!.id, start };
  }
  const state = async (id: string) =>
    (
      await db.query<{
        reminded_at: Date | null;
        reminder_attempts: number;
        reminder_next_at: Date | null;
        reminder_error: string | null;
      }>(
        'SELECT reminded_at, reminder_attempts, reminder_next_at, reminder_error FROM appointments WHERE id = $1',
        [id],
      )
    ).rows[0]!;
  const notes = async (conversationId: string) =>
    (
      await db.query<{ body: string }>(
        'SELECT body FROM notes WHERE conversation_id = $1 ORDER BY created_at',
        [conversationId],
      )
    ).rows.map((r) => r.body);
  const sentText = async (conversationId: string) =>
    (
      await db.query<{ body: { body?: string; name?: string; language?: string } }>(
        "SELECT body FROM messages WHERE conversation_id = $1 AND direction = 'out'",
        [conversationId],
      )
    ).rows.map((r) => r.body);

  it('reminds in the contact’s language, and marks sent only what it sent', async () => {
    await db.query('DELETE FROM appointments');
    const pt = await appointment('pt', HOUR);
    const en = await appointment('en', HOUR);
    // Only the first is inside its reminder time (120 min); the second starts in 5 hours.
    expect(await sendDueReminders(deps, new Date(pt.start.getTime() - 90 * 60_000))).toEqual({
      sent: 1,
      failed: 0,
    });
    expect((await sentText(pt.conversationId))[0]?.body).toMatch(/^Lembrete: Corte em /);
    expect((await state(pt.id)).reminded_at).not.toBeNull();
    expect(await sendDueReminders(deps, new Date(en.start.getTime() - 90 * 60_000))).toEqual({
      sent: 1,
      failed: 0,
    });
    expect((await sentText(en.conversationId))[0]?.body).toMatch(/^Reminder: Corte on /);
  });

  it('a closed window without a template is not marked sent: a note, a retry with back-off, and a send once the window opens', async () => {
    await db.query('DELETE FROM appointments');
    await db.query('UPDATE sched_settings SET reminder_template = NULL WHERE tenant_id = $1', [tenantId]);
    const a = await appointment('pt', 30 * HOUR);
    const at = new Date(a.start.getTime() - 90 * 60_000);
    expect(await sendDueReminders(deps, at)).toEqual({ sent: 0, failed: 1 });
    const s = await state(a.id);
    expect(s.reminded_at).toBeNull();
    expect(s.reminder_attempts).toBe(1);
    expect(s.reminder_next_at?.getTime()).toBe(at.getTime() + 60_000);
    expect(s.reminder_error).toMatch(/window is closed and no reminder template/);
    expect(await notes(a.conversationId)).toEqual([
      expect.stringMatching(/^Reminder for Corte on .* not sent: the 24-hour window is closed/),
    ]);
    // Not again before the back-off has passed.
    expect(await sendDueReminders(deps, new Date(at.getTime() + 30_000))).toEqual({ sent: 0, failed: 0 });
    // The customer writes: the window opens, and the retry sends it as text.
    await db.query('UPDATE conversations SET last_inbound_at = $2 WHERE id = $1', [a.conversationId, at]);
    expect(await sendDueReminders(deps, new Date(at.getTime() + 61_000))).toEqual({ sent: 1, failed: 0 });
    expect((await state(a.id)).reminded_at).not.toBeNull();
  });

  it('a template missing in the contact’s language fails alone: the other reminders go out', async () => {
    await db.query('DELETE FROM appointments');
    await db.query(
      "UPDATE sched_settings SET reminder_template = 'lembrete', reminder_minutes = 1440 WHERE tenant_id = $1",
      [tenantId],
    );
    // The channel's cached templates have it in English only.
    await db.query(
      `INSERT INTO message_templates (channel_id, tenant_id, name, language, status, components)
       VALUES ($1, $2, 'lembrete', 'en_US', 'APPROVED', $3) ON CONFLICT DO NOTHING`,
      // As Graph lists it: a body with the two variables the reminder fills (service, day and time).
      [channelId, tenantId, JSON.stringify([{ type: 'BODY', text: 'Reminder: {{1}} on {{2}}' }])],
    );
    const broken = await appointment('pt', 30 * HOUR);
    const fine = await appointment('en', 30 * HOUR);
    const open = await appointment('pt', HOUR);
    const at = new Date(broken.start.getTime() - 3 * HOUR);
    expect(await sendDueReminders(deps, at)).toEqual({ sent: 2, failed: 1 });
    expect((await state(fine.id)).reminded_at).not.toBeNull();
    expect((await state(open.id)).reminded_at).not.toBeNull();
    expect((await sentText(fine.conversationId))[0]).toMatchObject({ name: 'lembrete', language: 'en_US' });
    expect((await state(broken.id)).reminded_at).toBeNull();
    expect((await state(broken.id)).reminder_error).toMatch(/no template lembrete in pt_BR/);

    // Retried with doubling waits, then given up with a second note.
    let when = at;
    for (let i = 1; i < REMINDER_ATTEMPTS; i++) {
      when = new Date(when.getTime() + 2 ** i * 60_000);
      expect(await sendDueReminders(deps, when)).toEqual({ sent: 0, failed: 1 });
    }
    expect((await state(broken.id)).reminder_attempts).toBe(REMINDER_ATTEMPTS);
    expect(await sendDueReminders(deps, new Date(when.getTime() + HOUR / 2))).toEqual({ sent: 0, failed: 0 });
    const written = await notes(broken.conversationId);
    expect(written).toHaveLength(2);
    expect(written[1]).toMatch(/not sent after 6 attempts: .*Remind the customer yourself\.$/);
  });
});
