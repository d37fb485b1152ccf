// The senders of a batch, upserted in at most two statements (contacts known by wa_id, and those
// known only by Meta's business-scoped user id), with the profile names Meta sent. A name change
// is logged once per batch with the latest name.
import type { NewEntry } from '../events/event-log.ts';
import { contactScopes } from '../inbox/contact-entries.ts';
import type { Queryable } from '../store/db.ts';
import type { InboundContact } from './parse-webhook.ts';

export const contactKey = (c: { waId: string | null; userId: string | null }): string =>
  c.waId ? `w:${c.waId}` : `u:${c.userId ?? ''}`;

interface UpsertedRow {
  id: string;
  wa_id: string | null;
  user_id: string | null;
  existed: boolean;
  old_name: string | null;
}

/** Two partial unique indexes (wa_id, else user_id): each batch of keys uses the target that applies. */
const UPSERT = (byWaId: boolean) => `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS i(wa_id text, user_id text, name text)
  ), before AS (
    SELECT c.wa_id, c.user_id, c.name FROM contacts c JOIN input i ON ${
      byWaId ? 'c.wa_id = i.wa_id' : 'c.user_id = i.user_id AND c.wa_id IS NULL'
    }
    WHERE c.tenant_id = $1
  )
  INSERT INTO contacts AS c (tenant_id, wa_id, user_id, name, phone)
  SELECT $1, i.wa_id, i.user_id, i.name, '+' || i.wa_id FROM input i ORDER BY i.wa_id, i.user_id
  ON CONFLICT ${
    byWaId
      ? '(tenant_id, wa_id) WHERE wa_id IS NOT NULL'
      : '(tenant_id, user_id) WHERE user_id IS NOT NULL AND wa_id IS NULL'
  } DO UPDATE SET
    name = COALESCE(EXCLUDED.name, c.name),
    user_id = COALESCE(c.user_id, EXCLUDED.user_id),
    updated_at = CASE WHEN EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM c.name
      THEN now() ELSE c.updated_at END
  RETURNING c.id, c.wa_id, c.user_id,
    EXISTS (SELECT 1 FROM before b WHERE ${byWaId ? 'b.wa_id = c.wa_id' : 'b.user_id = c.user_id'}) AS existed,
    (SELECT b.name FROM before b WHERE ${byWaId ? 'b.wa_id = c.wa_id' : 'b.user_id = c.user_id'}) AS old_name`;

/**
 * Upserts the senders (in arrival order, the last non-null name wins, as one-by-one upserts would)
 * and returns their ids by contactKey.
 */
export async function upsertContacts(
  q: Queryable,
  tenantId: string,
  senders: readonly InboundContact[],
  entries: NewEntry[],
): Promise<Map<string, string>> {
  const merged = new Map<string, InboundContact>();
  for (const s of senders) {
    const key = contactKey(s);
    const prev = merged.get(key);
    merged.set(key, {
      waId: s.waId ?? prev?.waId ?? null,
      userId: prev?.userId ?? s.userId,
      name: s.name ?? prev?.name ?? null,
    });
  }
  const ids = new Map<string, string>();
  const all = [...merged.values()];
  for (const byWaId of [true, false]) {
    const group = all.filter((c) => (c.waId !== null) === byWaId);
    if (group.length === 0) continue;
    const { rows } = await q.query<UpsertedRow>(UPSERT(byWaId), [
      tenantId,
      JSON.stringify(group.map((c) => ({ wa_id: c.waId, user_id: c.userId, name: c.name }))),
    ]);
    for (const r of rows) {
      const key = contactKey({ waId: r.wa_id, userId: r.user_id });
      ids.set(key, r.id);
      const name = merged.get(key)?.name ?? null;
      // Whoever sees one of the contact's conversations sees the new name; nobody else does.
      if (r.existed && name !== null && name !== r.old_name)
        for (const scope of await contactScopes(q, tenantId, r.id))
          entries.push({ type: 'contact.updated', entityId: r.id, data: { name }, scope });
    }
  }
  return ids;
}
