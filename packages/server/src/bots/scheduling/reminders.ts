// Appointment reminders: a configurable time before each appointment, the customer gets a
// reminder — free text while the 24-hour window is open, the configured template after it closed.
// Each reminder is claimed with its send in one transaction, so two workers never both send it.
import { DateTime } from 'luxon';
import { commitChanges } from '../../events/commit-changes.ts';
import type { Logger } from '../../log/logger.ts';
import { insertSend } from '../../outbound/insert-send.ts';
import type { SendRequest } from '../../outbound/send-request.ts';
import type { PubSub } from '../../pubsub/port.ts';
import type { IngestQueue } from '../../queue/port.ts';
import { createPeriodicTask } from '../../services/periodic-task.ts';
import type { Service } from '../../services/service.ts';
import type { Db } from '../../store/db.ts';
import { loadConversation } from '../../store/entities.ts';
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

interface Due {
  id: string;
  tenant_id: string;
  conversation_id: string;
  starts_at: Date;
  service: string;
  zone: string;
  template: string | null;
  language: string | null;
  bot_agent: string | null;
}

/** Sends the reminders that are due; returns how many were sent. */
export async function sendDueReminders(deps: ReminderDeps, now = new Date()): Promise<number> {
  const { rows } = await deps.db.query<Due>(
    `SELECT a.id, a.tenant_id, a.conversation_id, a.starts_at, s.name AS service, ss.zone, ss.reminder_template AS template,
            bs.state->>'language' AS language, b.agent_id AS bot_agent
     FROM appointments a
     JOIN sched_settings ss ON ss.tenant_id = a.tenant_id
     JOIN sched_services s ON s.id = a.service_id
     LEFT JOIN bot_sessions bs ON bs.conversation_id = a.conversation_id
     LEFT JOIN bots b ON b.id = bs.bot_id
     WHERE a.status = 'booked' AND a.reminded_at IS NULL AND a.conversation_id IS NOT NULL
       AND a.starts_at > $1 AND a.starts_at - make_interval(mins => ss.reminder_minutes) <= $1
     ORDER BY a.starts_at LIMIT 100`,
    [now],
  );
  let sent = 0;
  for (const d of rows) {
    const { value: job } = await commitChanges(deps.db, deps.pubsub, deps.prefix, d.tenant_id, async (q) => {
      // Claim it: of two workers, only the one whose update matched sends.
      const claim = await q.query(
        'UPDATE appointments SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL',
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
        deps.log.warn(
          { appointment: d.id },
          'reminders: window closed and no reminder template configured; not sent',
        );
        return { value: null, entries: [] };
      }
      const { value, entries } = await insertSend(q, {
        tenantId: d.tenant_id,
        agentId: d.bot_agent,
        conversation: conv,
        send,
      });
      return { value: value.enqueue, entries };
    });
    if (job) {
      await deps.outbound.append([job]);
      sent++;
    }
  }
  return sent;
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
