// Merging two contacts of one tenant (the same person wrote from two numbers, or was typed in
// twice). Runs inside the caller's transaction and returns the event-log entries to append with it.
// A conversation of the source moves to the target; where the target already has one on the same
// channel ((channel, contact) is unique), the source's messages and notes move into that one and
// the emptied conversation is deleted, its last entry carrying `mergedIntoId`.
import { ParleyError } from '../errors.ts';
import type { NewEntry } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';
import { loadConversation } from '../store/entities.ts';
import { repointReferences } from './repoint-references.ts';
import { conversationScope } from './visible-conversation.ts';

export interface ContactRow {
  id: string;
  wa_id: string | null;
  user_id: string | null;
  name: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
  created_at: Date;
  version: number;
}

export const CONTACT_COLUMNS =
  'k.id, k.wa_id, k.user_id, k.name, k.phone, k.attributes, k.created_at, k.version';

export async function lockContact(q: Queryable, tenantId: string, id: string): Promise<ContactRow> {
  const { rows } = await q.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts k WHERE k.tenant_id = $1 AND k.id = $2 FOR UPDATE`,
    [tenantId, id],
  );
  if (!rows[0]) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No contact with this id is visible to you');
  return rows[0];
}

export const contactOnConversation = (k: ContactRow) => ({
  id: k.id,
  waId: k.wa_id,
  name: k.name,
  phone: k.phone,
});

interface ConvRef {
  id: string;
  channel_id: string;
}

export async function mergeContacts(
  q: Queryable,
  tenantId: string,
  sourceId: string,
  targetId: string,
): Promise<{
  target: ContactRow;
  entries: NewEntry[];
  movedConversations: number;
  mergedConversations: number;
}> {
  if (sourceId === targetId)
    throw new ParleyError('PARLEY_ERR_VALIDATION', 'A contact cannot be merged into itself');
  // Lock in id order so two opposite merges cannot deadlock.
  const [first, second] = [sourceId, targetId].sort();
  const locked = new Map([
    [first!, await lockContact(q, tenantId, first!)],
    [second!, await lockContact(q, tenantId, second!)],
  ]);
  const source = locked.get(sourceId)!;
  const target = locked.get(targetId)!;

  // NO KEY, in ingest's upsert order: FOR UPDATE would also block the foreign-key checks of
  // messages stored meanwhile, and a different order could deadlock with that upsert.
  const convs = async (contactId: string) =>
    (
      await q.query<ConvRef>(
        `SELECT id, channel_id FROM conversations WHERE tenant_id = $1 AND contact_id = $2
         ORDER BY channel_id FOR NO KEY UPDATE`,
        [tenantId, contactId],
      )
    ).rows;
  const targetByChannel = new Map((await convs(targetId)).map((c) => [c.channel_id, c.id]));
  const moved: string[] = [];
  const entries: NewEntry[] = [];
  let mergedConversations = 0;

  for (const c of await convs(sourceId)) {
    const into = targetByChannel.get(c.channel_id);
    if (!into) {
      await q.query('UPDATE conversations SET contact_id = $2, updated_at = now() WHERE id = $1', [
        c.id,
        targetId,
      ]);
      moved.push(c.id);
      continue;
    }
    const gone = await loadConversation(q, tenantId, c.id);
    // Messages, notes and whatever else points at the conversation (sends, media, appointments).
    await repointReferences(q, 'conversations', c.id, into);
    // The kept conversation's summary takes whichever side had the later activity.
    await q.query(
      `UPDATE conversations t SET
         last_message_at = GREATEST(t.last_message_at, s.last_message_at),
         last_message_preview = CASE WHEN s.last_message_at > COALESCE(t.last_message_at, '-infinity')
                                     THEN s.last_message_preview ELSE t.last_message_preview END,
         last_inbound_at = GREATEST(t.last_inbound_at, s.last_inbound_at),
         labels = ARRAY(SELECT DISTINCT unnest(t.labels || s.labels) ORDER BY 1),
         updated_at = now()
       FROM conversations s WHERE t.id = $2 AND s.id = $1`,
      [c.id, into],
    );
    await q.query('DELETE FROM conversations WHERE id = $1', [c.id]);
    mergedConversations++;
    if (gone)
      entries.push({
        type: 'conversation.updated',
        entityId: gone.id,
        data: { mergedIntoId: into },
        scope: conversationScope(gone),
      });
    const kept = await loadConversation(q, tenantId, into);
    if (kept) {
      entries.push({
        type: 'conversation.updated',
        entityId: kept.id,
        data: {
          lastMessageAt: kept.lastMessageAt,
          lastMessagePreview: kept.lastMessagePreview,
          windowExpiresAt: kept.windowExpiresAt,
          labels: kept.labels,
        },
        scope: conversationScope(kept),
      });
    }
  }

  await repointReferences(q, 'contacts', sourceId, targetId);
  await q.query('DELETE FROM contacts WHERE id = $1', [sourceId]);
  // The target keeps its own identity and fields; it takes the source's where it has none, so a
  // customer writing again from the source's WhatsApp id lands on the merged contact.
  const { rows } = await q.query<ContactRow>(
    `UPDATE contacts k SET
       name = COALESCE(k.name, $3), phone = COALESCE(k.phone, $4),
       wa_id = COALESCE(k.wa_id, $5), user_id = COALESCE(k.user_id, $6),
       attributes = $7::jsonb || k.attributes, updated_at = now()
     WHERE k.tenant_id = $1 AND k.id = $2 RETURNING ${CONTACT_COLUMNS}`,
    [
      tenantId,
      targetId,
      source.name,
      source.phone,
      source.wa_id,
      source.user_id,
      JSON.stringify(source.attributes),
    ],
  );
  const merged = rows[0] ?? target;
  for (const id of [...moved, ...targetByChannel.values()]) {
    const conv = await loadConversation(q, tenantId, id);
    if (conv)
      entries.push({
        type: 'conversation.updated',
        entityId: id,
        data: { contact: contactOnConversation(merged) },
        scope: conversationScope(conv),
      });
  }
  return { target: merged, entries, movedConversations: moved.length, mergedConversations };
}
