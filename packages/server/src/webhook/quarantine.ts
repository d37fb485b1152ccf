import type { Queryable } from '../store/db.ts';
import { hasUnstorable, replaceInText } from '../text/unstorable-text.ts';

/**
 * Keeps a signed payload that could not be routed or parsed, so it can be replayed after a fix.
 * A body with characters text cannot hold is kept byte for byte beside a readable copy. `settled`
 * marks a copy kept for the record of a payload that was delivered anyway (nothing to replay).
 */
export async function quarantine(
  db: Queryable,
  reason: string,
  channelHint: string | null,
  body: string,
  opts: { settled?: boolean } = {},
): Promise<number> {
  const unstorable = hasUnstorable(body);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO quarantine (reason, channel_hint, body, raw, replayed_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END) RETURNING id`,
    [
      reason,
      channelHint,
      unstorable ? replaceInText(body) : body,
      unstorable ? Buffer.from(body, 'utf8') : null,
      opts.settled === true,
    ],
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
    raw: Uint8Array | null;
    replayed_at: Date | null;
  }>(
    `SELECT id, received_at, reason, channel_hint, body, raw, replayed_at FROM quarantine
     WHERE $2 OR replayed_at IS NULL ORDER BY id LIMIT $1`,
    [limit, includeReplayed],
  );
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at.toISOString(),
    reason: r.reason,
    channelHint: r.channel_hint,
    body: r.raw ? Buffer.from(r.raw).toString('utf8') : r.body,
    replayedAt: r.replayed_at?.toISOString() ?? null,
  }));
}
