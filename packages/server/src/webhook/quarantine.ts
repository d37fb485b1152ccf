import type { Queryable } from '../store/db.ts';

/** Keeps a signed payload that could not be routed or parsed, so it can be replayed after a fix. */
export async function quarantine(
  db: Queryable,
  reason: string,
  channelHint: string | null,
  body: string,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO quarantine (reason, channel_hint, body) VALUES ($1, $2, $3) RETURNING id',
    [reason, channelHint, body],
  );
  return rows[0]!.id;
}

export interface QuarantinedPayload {
  id: number;
  receivedAt: string;
  reason: string;
  channelHint: string | null;
  body: string;
  replayedAt: string | null;
}

export async function listQuarantine(
  db: Queryable,
  limit: number,
  includeReplayed = false,
): Promise<QuarantinedPayload[]> {
  const { rows } = await db.query<{
    id: number;
    received_at: Date;
    reason: string;
    channel_hint: string | null;
    body: string;
    replayed_at: Date | null;
  }>(
    `SELECT id, received_at, reason, channel_hint, body, replayed_at FROM quarantine
     WHERE $2 OR replayed_at IS NULL ORDER BY id LIMIT $1`,
    [limit, includeReplayed],
  );
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at.toISOString(),
    reason: r.reason,
    channelHint: r.channel_hint,
    body: r.body,
    replayedAt: r.replayed_at?.toISOString() ?? null,
  }));
}
