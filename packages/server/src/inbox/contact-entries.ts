// A contact has no scope of its own: whoever sees one of its conversations sees it. So a change
// of a contact is logged once per distinct conversation scope (contact.updated), and each of its
// conversations gets the new contact fields too (conversation.updated, nested contact patch).
import type { EntryScope, NewEntry } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';
import { loadConversation } from '../store/entities.ts';
import { type ContactRow, contactOnConversation } from './merge-contacts.ts';
import { conversationScope } from './visible-conversation.ts';

/** A scope nobody matches but owners and admins (who see every entry). */
export const ADMINS_ONLY: EntryScope = { agentId: '00000000-0000-0000-0000-000000000000' };

export const contactData = (k: ContactRow) => ({
  waId: k.wa_id,
  name: k.name,
  phone: k.phone,
  attributes: k.attributes,
});

/**
 * Who may see a change of the contact: the distinct scopes of its conversations; with none, the
 * `fallback` (the actor who changed it, else owners and admins only).
 */
export async function contactScopes(
  q: Queryable,
  tenantId: string,
  contactId: string,
  fallback: EntryScope = ADMINS_ONLY,
): Promise<EntryScope[]> {
  const { rows } = await q.query<{ channel_id: string; assignee_id: string | null; team_id: string | null }>(
    'SELECT DISTINCT channel_id, assignee_id, team_id FROM conversations WHERE tenant_id = $1 AND contact_id = $2',
    [tenantId, contactId],
  );
  if (rows.length === 0) return [fallback];
  return rows.map((r) => ({ channelId: r.channel_id, agentId: r.assignee_id, teamId: r.team_id }));
}

export async function contactEntries(
  q: Queryable,
  tenantId: string,
  k: ContactRow,
  actorAgentId: string | null,
): Promise<NewEntry[]> {
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM conversations WHERE tenant_id = $1 AND contact_id = $2 ORDER BY id',
    [tenantId, k.id],
  );
  const entries: NewEntry[] = [];
  const scopes = new Map<string, EntryScope>();
  for (const { id } of rows) {
    const c = await loadConversation(q, tenantId, id);
    if (!c) continue;
    const scope = conversationScope(c);
    scopes.set(JSON.stringify(scope), scope);
    entries.push({
      type: 'conversation.updated',
      entityId: id,
      data: { contact: contactOnConversation(k) },
      scope,
    });
  }
  if (scopes.size === 0) scopes.set('actor', actorAgentId ? { agentId: actorAgentId } : ADMINS_ONLY);
  return [
    ...[...scopes.values()].map(
      (scope): NewEntry => ({ type: 'contact.updated', entityId: k.id, data: contactData(k), scope }),
    ),
    ...entries,
  ];
}
