// The channel's message templates, cached in message_templates. The cache is refreshed from
// GET /{version}/{waba-id}/message_templates when asked, when it is older than ten minutes at the
// time someone reads it, and by the worker's template refresher (template-refresher.ts), so a
// reader rarely waits on Meta; between refreshes, template status webhooks (kept in channel_events by
// the ingest worker) move a template's status, applied in id order from where the last read stopped.
import type { Db, Queryable } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';
import type { GraphClient } from './graph-client.ts';

export const TEMPLATE_TTL_MS = 10 * 60 * 1000;

export interface CachedTemplate {
  id: string | null;
  name: string;
  language: string;
  status: string;
  category: string | null;
  components: unknown[];
}

export interface TemplateList {
  templates: CachedTemplate[];
  syncedAt: string | null;
  /** True when the Graph API could not be reached and the list is the last one Parley had. */
  stale: boolean;
}

export interface ChannelRow {
  id: string;
  tenant_id: string;
  waba_id: string | null;
  access_token_enc: string | null;
  synced_at: Date | null;
}

export type RefreshResult = { ok: true } | { ok: false; reason: string };

export async function refreshTemplates(
  db: Db,
  box: SecretBox,
  graph: GraphClient,
  ch: ChannelRow,
): Promise<RefreshResult> {
  if (!ch.waba_id || !ch.access_token_enc)
    return { ok: false, reason: 'the channel has no WhatsApp Business Account id or no access token' };
  // Events newer than this are applied after the fetch; older ones are in what Meta lists.
  const { rows } = await db.query<{ max: number | null }>(
    `SELECT max(id)::int8 AS max FROM channel_events WHERE tenant_id = $1 AND field = 'message_template_status_update'`,
    [ch.tenant_id],
  );
  const answer = await graph.templates(ch.waba_id, box.open(ch.access_token_enc));
  if (!answer.ok) return { ok: false, reason: answer.failure.details ?? answer.failure.title };
  await db.tx(async (q) => {
    await q.query('DELETE FROM message_templates WHERE channel_id = $1', [ch.id]);
    await q.query(
      `INSERT INTO message_templates (channel_id, tenant_id, wa_template_id, name, language, status, category, components)
       SELECT $1, $2, t.id, t.name, t.language, t.status, t.category, t.components
       FROM jsonb_to_recordset($3::jsonb) AS t(id text, name text, language text, status text, category text, components jsonb)
       ON CONFLICT (channel_id, name, language) DO NOTHING`,
      [ch.id, ch.tenant_id, JSON.stringify(answer.value)],
    );
    await q.query(
      `INSERT INTO template_syncs (channel_id, synced_at, applied_event_id) VALUES ($1, now(), $2)
       ON CONFLICT (channel_id) DO UPDATE SET synced_at = now(), applied_event_id = EXCLUDED.applied_event_id`,
      [ch.id, rows[0]?.max ?? 0],
    );
  });
  return { ok: true };
}

/** Applies template status webhooks received since the last read or refresh. */
async function applyStatusEvents(q: Queryable, ch: ChannelRow): Promise<void> {
  const { rows } = await q.query<{ id: number; value: Record<string, unknown> }>(
    `SELECT e.id, e.value FROM channel_events e
     WHERE e.tenant_id = $1 AND e.field = 'message_template_status_update'
       AND e.id > COALESCE((SELECT applied_event_id FROM template_syncs WHERE channel_id = $2), 0)
     ORDER BY e.id`,
    [ch.tenant_id, ch.id],
  );
  if (rows.length === 0) return;
  for (const { value } of rows) {
    if (typeof value.event !== 'string') continue;
    await q.query(
      `UPDATE message_templates SET status = $2
       WHERE channel_id = $1 AND (wa_template_id = $3 OR (name = $4 AND language = $5))`,
      [
        ch.id,
        value.event,
        String(value.message_template_id ?? ''),
        value.message_template_name,
        value.message_template_language,
      ],
    );
  }
  await q.query(
    `INSERT INTO template_syncs (channel_id, synced_at, applied_event_id) VALUES ($1, 'epoch', $2)
     ON CONFLICT (channel_id) DO UPDATE SET applied_event_id = EXCLUDED.applied_event_id`,
    [ch.id, rows.at(-1)!.id],
  );
}

export async function listTemplates(
  deps: { db: Db; box: SecretBox; graph: GraphClient },
  tenantId: string,
  channelId: string,
  opts: { refresh?: boolean; all?: boolean } = {},
): Promise<TemplateList | null> {
  const load = async () => {
    const { rows } = await deps.db.query<ChannelRow>(
      `SELECT ch.id, ch.tenant_id, ch.waba_id, ch.access_token_enc, s.synced_at
       FROM channels ch LEFT JOIN template_syncs s ON s.channel_id = ch.id WHERE ch.tenant_id = $1 AND ch.id = $2`,
      [tenantId, channelId],
    );
    return rows[0] ?? null;
  };
  let ch = await load();
  if (!ch) return null;
  const fresh = ch.synced_at && Date.now() - ch.synced_at.getTime() < TEMPLATE_TTL_MS;
  let stale = false;
  if (opts.refresh || !fresh) {
    stale = !(await refreshTemplates(deps.db, deps.box, deps.graph, ch)).ok;
    ch = (await load())!;
  }
  await deps.db.tx((q) => applyStatusEvents(q, ch));
  const { rows } = await deps.db.query<{
    wa_template_id: string | null;
    name: string;
    language: string;
    status: string;
    category: string | null;
    components: unknown[];
  }>(
    `SELECT wa_template_id, name, language, status, category, components FROM message_templates
     WHERE channel_id = $1 AND ($2 OR status = 'APPROVED') ORDER BY name, language`,
    [channelId, opts.all ?? false],
  );
  return {
    templates: rows.map((r) => ({
      id: r.wa_template_id,
      name: r.name,
      language: r.language,
      status: r.status,
      category: r.category,
      components: r.components,
    })),
    syncedAt: ch.synced_at && ch.synced_at.getTime() > 0 ? ch.synced_at.toISOString() : null,
    stale,
  };
}
