// Appointment reminders: a configurable time before each appointment, the customer gets a
// reminder in their language — free text while the 24-hour window is open, the configured
// template after it closed. Each reminder is claimed with its send in one transaction, so two
// workers never both send it, and is marked sent only with its send. Each fails alone: a reminder
// that cannot be sent (no template for a closed window, a template missing in that language, any
// error) is retried with back-off until the appointment starts, and the team sees why in the
// conversation (a note from the bot, on the first failure and when it gives up).
import { DateTime } from 'luxon';
import { commitChanges } from '../../events/commit-changes.ts';
import type { NewEntry } from '../../events/event-log.ts';
import { conversationScope } from '../../inbox/visible-conversation.ts';
import type { Logger } from '../../log/logger.ts';
import { insertSend } from '../../outbound/insert-send.ts';
import type { SendRequest } from '../../outbound/send-request.ts';
import type { PubSub } from '../../pubsub/port.ts';
import type { IngestQueue } from '../../queue/port.ts';
import { createPeriodicTask } from '../../services/periodic-task.ts';
import type { Service } from '../../services/service.ts';
import type { Db } from '../../store/db.ts';
import { loadConversation, type NoteRow, toNote } from '../../store/entities.ts';
import { copy } from './copy.ts';
import { formatSlot } from './slots.ts';

export interface ReminderDeps {
  db: Db;
  pubsub: PubSub;
  prefix: string;
  outbound: IngestQueue;
  log: Logger;
  intervalMs?: number;
}

/** Attempts before a reminder is given up (1, 2, 4, 8, 16 minutes apart). */
export const REMINDER_ATTEMPTS = 6;
export const reminderBackoffMs = (attempts: number) => Math.min(3_600_000, 60_000 * 2 ** (attempts - 1));

interface Due {
  id: string;
  tenant_id: string;
  conversation_id: string;
  starts_at: Date;
  service: string;
  zone: string;
  template: string | null;
  language: string | null;
  author: string | null;
}

/** Why a reminder was not sent, in words the team can act on. */
class NotSent extends Error {}

/** Sends the reminders that are due; each one that fails is recorded and retried later alone. */
export async function sendDueReminders(
  deps: ReminderDeps,
  now = new Date(),
): Promise<{ sent: number; failed: number }> {
  const { rows } = await deps.db.query<Due>(
    `SELECT a.id, a.tenant_id, a.conversation_id, a.starts_at, s.name AS service, ss.zone, ss.reminder_template AS template,
            COALESCE(k.language, bs.state->>'language') AS language,
            COALESCE(b.agent_id, (SELECT sb.agent_id FROM bots sb WHERE sb.tenant_id = a.tenant_id AND sb.builtin = 'scheduling' ORDER BY sb.created_at LIMIT 1)) AS author
     FROM appointments a
     JOIN sched_settings ss ON ss.tenant_id = a.tenant_id
     JOIN sched_services s ON s.id = a.service_id
     JOIN contacts k ON k.id = a.contact_id
     LEFT JOIN bot_sessions bs ON bs.conversation_id = a.conversation_id
     LEFT JOIN bots b ON b.id = bs.bot_id
     WHERE a.status = 'booked' AND a.reminded_at IS NULL AND a.conversation_id IS NOT NULL
       AND a.starts_at > $1 AND a.starts_at - make_interval(mins => ss.reminder_minutes) <= $1
       AND a.reminder_attempts < $2 AND (a.reminder_next_at IS NULL OR a.reminder_next_at <= $1)
     ORDER BY a.starts_at LIMIT 100`,
    [now, REMINDER_ATTEMPTS],
  );
  let sent = 0;
  let failed = 0;
  for (const d of rows) {
    try {
      const job = await sendOne(deps, d, now);
      if (job) {
        await deps.outbound.append([job]);
        sent++;
      }
    } catch (err) {
      failed++;
      await recordFailure(deps, d, now, (err as Error).message).catch((e: unknown) =>
        deps.log.error(
          { appointment: d.id, err: (e as Error).message },
          'reminders: could not record a failed reminder',
        ),
      );
    }
  }
  return { sent, failed };
}

/** Claims and queues one reminder in one transaction; throws (and claims nothing) when it cannot. */
async function sendOne(deps: ReminderDeps, d: Due, now: Date) {
  const { value } = await commitChanges(deps.db, deps.pubsub, deps.prefix, d.tenant_id, async (q) => {
    // Claim it: of two workers, only the one whose update matched sends.
    const claim = await q.query(
      'UPDATE appointments SET reminded_at = $2, reminder_error = NULL WHERE id = $1 AND reminded_at IS NULL',
      [d.id, now],
    );
    const conv = claim.rowCount === 1 ? await loadConversation(q, d.tenant_id, d.conversation_id) : null;
    if (!conv) return { value: null, entries: [] };
    const language = d.language === 'en' ? 'en' : 'pt';
    const when = formatSlot(d.starts_at, d.zone, language);
    const open = conv.windowExpiresAt !== null && Date.parse(conv.windowExpiresAt) > now.getTime();
    const clientId = `reminder:${d.id}`;
    let send: SendRequest;
    if (open) {
      send = {
        kind: 'text',
        clientId,
        body: { body: copy(language).reminder(d.service, when) },
      } as SendRequest;
    } else if (d.template) {
      const local = DateTime.fromJSDate(d.starts_at, { zone: d.zone });
      send = {
        kind: 'template',
        clientId,
        body: {
          name: d.template,
          language: language === 'pt' ? 'pt_BR' : 'en_US',
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: d.service },
                { type: 'text', text: local.toFormat('dd/LL HH:mm') },
              ],
            },
          ],
        },
      } as SendRequest;
    } else {
      throw new NotSent(
        'the 24-hour window is closed and no reminder template is set in the scheduling settings',
      );
    }
    const { value: inserted, entries } = await insertSend(q, {
      tenantId: d.tenant_id,
      agentId: d.author,
      conversation: conv,
      send,
    });
    return { value: inserted.enqueue, entries };
  });
  return value;
}

/** Counts the attempt, schedules the next, and tells the team in the conversation. */
async function recordFailure(deps: ReminderDeps, d: Due, now: Date, reason: string) {
  deps.log.warn({ appointment: d.id, tenant: d.tenant_id, reason }, 'reminders: a reminder was not sent');
  await commitChanges(deps.db, deps.pubsub, deps.prefix, d.tenant_id, async (q) => {
    const { rows } = await q.query<{ attempts: number }>(
      `UPDATE appointments SET reminder_attempts = reminder_attempts + 1, reminder_error = $3,
         reminder_next_at = $2::timestamptz + $4::float8 * power(2, reminder_attempts) * interval '1 millisecond'
       WHERE id = $1 RETURNING reminder_attempts AS attempts`,
      [d.id, now, reason, reminderBackoffMs(1)],
    );
    const attempts = rows[0]?.attempts ?? 0;
    const entries: NewEntry[] = [];
    const last = attempts >= REMINDER_ATTEMPTS;
    const conv = await loadConversation(q, d.tenant_id, d.conversation_id);
    // A note on the first failure and when giving up: enough to act on, not one per retry.
    if (conv && d.author && (attempts === 1 || last)) {
      const when = formatSlot(d.starts_at, d.zone, 'en');
      const body = last
        ? `Reminder for ${d.service} on ${when} not sent after ${attempts} attempts: ${reason}. Remind the customer yourself.`
        : `Reminder for ${d.service} on ${when} not sent: ${reason}. Retrying with back-off until the appointment.`;
      const note = await q.query<NoteRow>(
        `INSERT INTO notes (tenant_id, conversation_id, author_id, body) VALUES ($1, $2, $3, $4)
         RETURNING id, conversation_id, author_id, body, mentions, created_at, version`,
        [d.tenant_id, conv.id, d.author, body],
      );
      const { version: _v, ...data } = toNote(note.rows[0]!);
      entries.push({ type: 'note.created', entityId: data.id, data, scope: conversationScope(conv) });
    }
    return { value: null, entries };
  });
}

export function createReminderService(deps: ReminderDeps): Service {
  return createPeriodicTask(
    'reminders',
    deps.intervalMs ?? 60_000,
    async () => {
      try {
        await sendDueReminders(deps);
      } catch (err) {
        deps.log.error({ err: (err as Error).message }, 'reminders: tick failed');
      }
    },
    deps.log,
  );
}
