// The one check every id from outside goes through before it is stored or acted on: an id that
// arrives in a body, a query or a stored setting (an assignee, a team, a hand-off target, a
// channel filter, …) must name a row of the caller's tenant. Another tenant's id looks exactly
// like none: 400 naming the fields and ids, never a hint that the row exists elsewhere. Path ids
// are not checked here: a route loads its own resource by (tenant, id) and answers 404.
// The database refuses the same rows too (020_tenant_keys.sql); this answers first, and in words.
import { ParleyError } from '../errors.ts';
import type { Queryable } from '../store/db.ts';

/** What an id names. `activeAgent` is an agent that is not disabled (someone work can go to). */
export type TenantIdKind =
  | 'agent'
  | 'activeAgent'
  | 'team'
  | 'channel'
  | 'contact'
  | 'conversation'
  | 'bot'
  | 'service'
  | 'staff'
  | 'label';

interface Lookup {
  noun: string;
  table: string;
  key: string;
  cast: string;
  extra?: string;
}

// Table and column names are constants here, never input.
const LOOKUPS: Record<TenantIdKind, Lookup> = {
  agent: { noun: 'agent', table: 'agents', key: 'id', cast: 'uuid' },
  activeAgent: { noun: 'active agent', table: 'agents', key: 'id', cast: 'uuid', extra: 'AND NOT disabled' },
  team: { noun: 'team', table: 'teams', key: 'id', cast: 'uuid' },
  channel: { noun: 'channel', table: 'channels', key: 'id', cast: 'uuid' },
  contact: { noun: 'contact', table: 'contacts', key: 'id', cast: 'uuid' },
  conversation: { noun: 'conversation', table: 'conversations', key: 'id', cast: 'uuid' },
  bot: { noun: 'bot', table: 'bots', key: 'id', cast: 'uuid' },
  service: { noun: 'service', table: 'sched_services', key: 'id', cast: 'uuid' },
  staff: { noun: 'staff member', table: 'sched_staff', key: 'id', cast: 'uuid' },
  label: { noun: 'label', table: 'labels', key: 'name', cast: 'text' },
};

/** One field of a request: its name as the caller sent it, what it names, and its value(s). */
export interface IdField {
  field: string;
  kind: TenantIdKind;
  ids: string | null | undefined | readonly (string | null | undefined)[];
}

export interface ForeignId {
  field: string;
  id: string;
}

const valuesOf = (ids: IdField['ids']): string[] =>
  (Array.isArray(ids) ? ids : [ids]).filter((v): v is string => typeof v === 'string');

/** The ids among `fields` that name no row of the tenant (absent and null values are not ids). */
export async function foreignIds(
  q: Queryable,
  tenantId: string,
  fields: readonly IdField[],
): Promise<ForeignId[]> {
  const byKind = new Map<TenantIdKind, Set<string>>();
  for (const f of fields) {
    const set = byKind.get(f.kind) ?? new Set<string>();
    for (const id of valuesOf(f.ids)) set.add(id);
    byKind.set(f.kind, set);
  }
  const found = new Map<TenantIdKind, Set<string>>();
  for (const [kind, ids] of byKind) {
    if (ids.size === 0) continue;
    const l = LOOKUPS[kind];
    const { rows } = await q.query<{ k: string }>(
      `SELECT ${l.key}::text AS k FROM ${l.table} WHERE tenant_id = $1 AND ${l.key} = ANY($2::${l.cast}[]) ${l.extra ?? ''}`,
      [tenantId, [...ids]],
    );
    found.set(kind, new Set(rows.map((r) => r.k)));
  }
  return fields.flatMap((f) =>
    [...new Set(valuesOf(f.ids))]
      .filter((id) => !found.get(f.kind)?.has(id))
      .map((id) => ({ field: f.field, id })),
  );
}

/**
 * Throws 400 naming every id of `fields` that is not a row of the tenant; details.missing lists
 * the ids, details.fields the field each came in.
 */
export async function assertTenantIds(
  q: Queryable,
  tenantId: string,
  fields: readonly IdField[],
): Promise<void> {
  const foreign = await foreignIds(q, tenantId, fields);
  if (foreign.length === 0) return;
  const kindOf = new Map(fields.map((f) => [f.field, f.kind]));
  const sentences = foreign.map(
    (f) => `${f.field}: no ${LOOKUPS[kindOf.get(f.field)!].noun} of your tenant has the id ${f.id}`,
  );
  throw new ParleyError('PARLEY_ERR_VALIDATION', sentences.join('; '), {
    missing: foreign.map((f) => f.id),
    fields: foreign,
  });
}
