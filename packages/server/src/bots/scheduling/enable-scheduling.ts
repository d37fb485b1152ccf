// One step to try the scheduling bot: sensible defaults where the tenant has set nothing (Monday to
// Saturday 09:00–18:00 with a lunch break, a 30-minute service, one staff member), the bot, and the
// bot in front of every channel of the tenant.
import type { Queryable } from '../../store/db.ts';
import type { SecretBox } from '../../store/secret-box.ts';
import { bindChannelBot, createBot } from '../bot-admin.ts';
import { loadSchedulingSettings } from './calendar-store.ts';

const DAY = [{ start: '09:00', end: '18:00' }];
const LUNCH = [{ start: '12:00', end: '13:00' }];

export async function enableSchedulingBot(q: Queryable, box: SecretBox, tenantId: string, zone: string) {
  const settings = await loadSchedulingSettings(q, tenantId);
  if (Object.keys(settings.availability.hours).length === 0) {
    await q.query('UPDATE sched_settings SET zone = $2, hours = $3, breaks = $4 WHERE tenant_id = $1', [
      tenantId,
      zone,
      JSON.stringify({ 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY, 6: DAY }),
      JSON.stringify({ 1: LUNCH, 2: LUNCH, 3: LUNCH, 4: LUNCH, 5: LUNCH }),
    ]);
  }
  if (settings.services.length === 0)
    await q.query("INSERT INTO sched_services (tenant_id, name, duration_min) VALUES ($1, 'Consulta', 30)", [
      tenantId,
    ]);
  if (settings.staff.length === 0)
    await q.query("INSERT INTO sched_staff (tenant_id, name) VALUES ($1, 'Equipe')", [tenantId]);
  // Running it again reuses the tenant's scheduling bot rather than making another.
  const existing = await q.query<{ id: string }>(
    "SELECT id FROM bots WHERE tenant_id = $1 AND kind = 'builtin' AND builtin = 'scheduling' ORDER BY created_at LIMIT 1",
    [tenantId],
  );
  const bot =
    existing.rows[0] ??
    (await createBot(q, box, tenantId, { name: 'Agenda', kind: 'builtin', builtin: 'scheduling' }));
  const channels = await q.query<{ id: string }>('SELECT id FROM channels WHERE tenant_id = $1', [tenantId]);
  for (const c of channels.rows) await bindChannelBot(q, tenantId, c.id, bot.id);
  return {
    botId: bot.id,
    channels: channels.rows.length,
    icsPath: `/api/v1/scheduling/${tenantId}/calendar.ics?token=${settings.icsToken}`,
  };
}
