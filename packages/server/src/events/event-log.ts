// The transactional outbox: every change commits with its entry in the tenant's event log.
import type { EventType, LogEntry } from '@parley/sync';
import type { Queryable } from '../store/db.ts';
import { stampCte, versionTableOf } from './stamp-versions.ts';

/** Who may see an entry; all null means the whole tenant. */
export interface EntryScope {
  channelId?: string | null;
  agentId?: string | null;
  teamId?: string | null;
  /**
   * Set on an assignment change: the previous assignee and team. Whoever saw the conversation
   * through them also gets the entry, flagged `visibleToYou: false` (see auth/entry-view.ts).
   */
  extraAgentId?: string | null;
  extraTeamId?: string | null;
}

export interface NewEntry {
  type: EventType;
  entityId: string;
  data: Record<string, unknown>;
  scope?: EntryScope;
}

export interface StoredScope {
  channelId: string | null;
  agentId: string | null;
  teamId: string | null;
  extraAgentId: string | null;
  extraTeamId: string | null;
}

export interface StoredEntry extends LogEntry {
  scope: StoredScope;
  committedAt: string;
}

export interface Appended {
  seqs: number[];
  /** The entries' committed_at (ISO): the transaction's now(), the column's default. */
  committedAt: string;
}

/**
 * Appends entries and returns their seqs, in order. Call it as the last write of the transaction:
 * the counter row stays locked until commit, which is what makes seq order equal commit order
 * (DESIGN rule 4), and the shorter that lock is held the less a tenant's writers wait.
 *
 * One statement: the counter, the entries and (with `stampVersions`) the entities' versions. Each
 * statement of a transaction is a round trip, and under load a round trip costs milliseconds.
 */
export async function appendEntries(
  q: Queryable,
  tenantId: string,
  entries: readonly NewEntry[],
  opts: { stampVersions?: boolean } = {},
): Promise<Appended> {
  if (entries.length === 0) return { seqs: [], committedAt: new Date().toISOString() };
  const stamps = entries.map((e) => (opts.stampVersions ? versionTableOf(e.type) : null));
  const tables = [...new Set(stamps.filter((t) => t !== null))];
  // now() is fixed for the transaction, so it is the committed_at the INSERT stores: the wake-up
  // can carry the same time a later read of the log gives.
  const { rows } = await q.query<{ seq: number; committed_at: Date }>(
    `WITH counter AS (
       UPDATE tenant_counters SET seq = seq + $2 WHERE tenant_id = $1 RETURNING seq, now() AS committed_at
     ), e AS (
       SELECT counter.seq - $2 + 1 + i.n AS seq, i.*
       FROM counter, jsonb_to_recordset($3::jsonb) AS i(n int, stamp text, type text, entity_id text, data jsonb,
         channel_id uuid, agent_id uuid, team_id uuid, extra_agent_id uuid, extra_team_id uuid)
     ), logged AS (
       INSERT INTO event_log (tenant_id, seq, type, entity_id, version, data, scope_channel_id, scope_agent_id,
         scope_team_id, scope_extra_agent_id, scope_extra_team_id)
       SELECT $1, e.seq, e.type, e.entity_id, e.seq, e.data, e.channel_id, e.agent_id, e.team_id, e.extra_agent_id,
         e.extra_team_id FROM e
     )${tables.map((t) => `, ${stampCte(t)}`).join('')}
     SELECT seq, committed_at FROM counter`,
    [
      tenantId,
      entries.length,
      JSON.stringify(
        entries.map((e, n) => ({
          n,
          stamp: stamps[n],
          type: e.type,
          entity_id: e.entityId,
          data: e.data,
          channel_id: e.scope?.channelId ?? null,
          agent_id: e.scope?.agentId ?? null,
          team_id: e.scope?.teamId ?? null,
          extra_agent_id: e.scope?.extraAgentId ?? null,
          extra_team_id: e.scope?.extraTeamId ?? null,
        })),
      ),
    ],
  );
  const row = rows[0];
  if (row === undefined) throw new Error(`tenant ${tenantId} has no event counter`);
  const first = row.seq - entries.length + 1;
  return { seqs: entries.map((_, i) => first + i), committedAt: row.committed_at.toISOString() };
}

/** An event_log row: from the driver (committed_at a Date) or from json_agg (an ISO text). */
export interface EntryRow {
  tenant_id: string;
  seq: number;
  type: string;
  entity_id: string;
  version: number;
  data: Record<string, unknown>;
  scope_channel_id: string | null;
  scope_agent_id: string | null;
  scope_team_id: string | null;
  scope_extra_agent_id: string | null;
  scope_extra_team_id: string | null;
  committed_at: Date | string;
}

export const toStoredEntry = (r: EntryRow): StoredEntry => ({
  tenantId: r.tenant_id,
  seq: r.seq,
  type: r.type as EventType,
  entityId: r.entity_id,
  version: r.version,
  data: r.data,
  scope: {
    channelId: r.scope_channel_id,
    agentId: r.scope_agent_id,
    teamId: r.scope_team_id,
    extraAgentId: r.scope_extra_agent_id,
    extraTeamId: r.scope_extra_team_id,
  },
  committedAt: new Date(r.committed_at).toISOString(),
});

/** Entries after `cursor`, in seq order. Gap-free because seq order is commit order per tenant. */
export async function readEntries(
  q: Queryable,
  tenantId: string,
  cursor: number,
  limit: number,
): Promise<StoredEntry[]> {
  const { rows } = await q.query<EntryRow>(
    `SELECT tenant_id, seq, type, entity_id, version, data, scope_channel_id, scope_agent_id, scope_team_id,
       scope_extra_agent_id, scope_extra_team_id, committed_at
     FROM event_log WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [tenantId, cursor, limit],
  );
  return rows.map(toStoredEntry);
}

export async function headOf(
  q: Queryable,
  tenantId: string,
): Promise<{ seq: number; prunedThrough: number }> {
  const { rows } = await q.query<{ seq: number; pruned_through: number }>(
    'SELECT seq, pruned_through FROM tenant_counters WHERE tenant_id = $1',
    [tenantId],
  );
  const row = rows[0];
  return { seq: row?.seq ?? 0, prunedThrough: row?.pruned_through ?? 0 };
}

/** Deletes entries older than the retention; cursors at or below what was pruned must re-snapshot. */
export async function pruneEntries(q: Queryable, olderThan: Date): Promise<number> {
  const { rows } = await q.query<{ tenant_id: string; through: number; n: number }>(
    `WITH gone AS (
       DELETE FROM event_log WHERE committed_at < $1 RETURNING tenant_id, seq
     ), per AS (SELECT tenant_id, max(seq) AS through, count(*) AS n FROM gone GROUP BY tenant_id)
     UPDATE tenant_counters c SET pruned_through = GREATEST(c.pruned_through, per.through)
     FROM per WHERE per.tenant_id = c.tenant_id RETURNING c.tenant_id, per.through, per.n`,
    [olderThan],
  );
  return rows.reduce((sum, r) => sum + Number(r.n), 0);
}
