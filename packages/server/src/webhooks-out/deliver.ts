// Sends due deliveries: for each subscription whose receiver is not backing off, the oldest pending
// delivery of each order key (a conversation, a contact, an agent), signed, at least once. A
// delivery is claimed with a lease by a conditional UPDATE, so two workers never send it at the
// same time and a worker killed mid-send leaves it to be claimed again when the lease ends; the
// receiver sees the same idempotency key each time. Failures back the whole receiver off.
import type { Logger } from '../log/logger.ts';
import { GuardedFetchError } from '../net/guarded-fetch.ts';
import type { Db } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';
import { GIVE_UP_AFTER_MS, retryDelayMs } from './backoff.ts';
import { SIGNATURE_HEADER, signDelivery } from './signature.ts';

export interface PostResult {
  status: number;
}

/** POSTs a body; never follows a redirect. Rejects on a network error or timeout. */
export type PostWebhook = (
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
) => Promise<PostResult>;

export interface DeliverDeps {
  db: Db;
  box: SecretBox;
  post: PostWebhook;
  log: Logger;
  /** How long a claim holds; longer than the request timeout. */
  leaseMs?: number;
  timeoutMs?: number;
  /** Deliveries in flight per subscription per pass. */
  perSubscription?: number;
  retryDelay?: (failures: number) => number;
}

interface Claimed {
  id: string;
  seq: string;
  event_type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** One pass; answers how many deliveries reached their receiver. */
export async function deliverOnce(deps: DeliverDeps): Promise<number> {
  const { rows: subs } = await deps.db.query<{ id: string; url: string; secret_enc: string }>(
    `SELECT s.id, s.url, s.secret_enc FROM webhook_subscriptions s
     WHERE s.active AND (s.retry_at IS NULL OR s.retry_at <= now())
       AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending')`,
  );
  let delivered = 0;
  for (const sub of subs) delivered += await deliverSubscription(deps, sub);
  return delivered;
}

async function deliverSubscription(
  deps: DeliverDeps,
  sub: { id: string; url: string; secret_enc: string },
): Promise<number> {
  const leaseMs = deps.leaseMs ?? 60_000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  // Heads of each order key, claimed only when free: a claimed head stays pending and keeps the
  // deliveries behind it waiting.
  const { rows } = await deps.db.query<Claimed>(
    `WITH heads AS (
       SELECT DISTINCT ON (order_key) id FROM webhook_deliveries
       WHERE subscription_id = $1 AND status = 'pending' ORDER BY order_key, seq
     ), due AS (
       SELECT d.id FROM webhook_deliveries d JOIN heads USING (id)
       WHERE d.lease_until IS NULL OR d.lease_until < now() ORDER BY d.seq LIMIT $2
     )
     UPDATE webhook_deliveries d SET lease_until = now() + $3 * interval '1 millisecond', attempts = attempts + 1
     FROM due WHERE d.id = due.id AND d.status = 'pending' AND (d.lease_until IS NULL OR d.lease_until < now())
     RETURNING d.id, d.seq, d.event_type, d.payload, d.created_at`,
    [sub.id, deps.perSubscription ?? 20, leaseMs],
  );
  if (rows.length === 0) return 0;
  const secret = deps.box.open(sub.secret_enc);
  const outcomes = await Promise.all(rows.map((d) => send(deps, sub, secret, d, timeoutMs)));
  const failed = outcomes.filter((o) => !o).length;
  if (failed === 0) {
    await deps.db.query(
      'UPDATE webhook_subscriptions SET failures = 0, retry_at = NULL, last_error = NULL WHERE id = $1 AND failures > 0',
      [sub.id],
    );
  } else {
    const { rows: s } = await deps.db.query<{ failures: number }>(
      'UPDATE webhook_subscriptions SET failures = failures + 1 WHERE id = $1 RETURNING failures',
      [sub.id],
    );
    const delay = (deps.retryDelay ?? retryDelayMs)(s[0]?.failures ?? 1);
    await deps.db.query(
      `UPDATE webhook_subscriptions SET retry_at = now() + $2 * interval '1 millisecond' WHERE id = $1`,
      [sub.id, delay],
    );
    deps.log.warn(
      { subscription: sub.id, failed, retryInMs: delay },
      'outgoing webhook: receiver failed, backing off',
    );
  }
  return outcomes.filter(Boolean).length;
}

async function send(
  deps: DeliverDeps,
  sub: { id: string; url: string },
  secret: string,
  d: Claimed,
  timeoutMs: number,
): Promise<boolean> {
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    ({ status } = await deps.post(
      sub.url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'Parley-Webhooks/1',
        [SIGNATURE_HEADER]: signDelivery(secret, timestamp, body),
        'idempotency-key': `${sub.id}:${d.seq}`,
        'x-parley-event': d.event_type,
      },
      timeoutMs,
    ));
    if (status < 200 || status > 299)
      error =
        status >= 300 && status < 400
          ? `answered ${status} (redirects are not followed)`
          : `answered ${status}`;
  } catch (err) {
    // The guarded fetch's reasons name no address or port; anything else is said without detail.
    error = err instanceof GuardedFetchError ? err.message : 'the request to the URL failed';
  }
  if (!error) {
    await deps.db.query(
      `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), last_status = $2, last_error = NULL,
         lease_until = NULL WHERE id = $1`,
      [d.id, status],
    );
    return true;
  }
  const expired = Date.now() - d.created_at.getTime() > GIVE_UP_AFTER_MS;
  await deps.db.query(
    `UPDATE webhook_deliveries SET last_status = $2, last_error = $3, lease_until = NULL,
       status = CASE WHEN $4::boolean THEN 'failed' ELSE status END WHERE id = $1`,
    [d.id, status, error, expired],
  );
  await deps.db.query('UPDATE webhook_subscriptions SET last_error = $2 WHERE id = $1', [sub.id, error]);
  return false;
}
