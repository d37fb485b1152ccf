// When did a message's row commit? The worker publishes "tenant T's log moved" on the pub/sub after
// each commit (events/commit-changes.ts); on each wake-up this reads the tenant's new
// message.created entries and stamps their WhatsApp ids with the time it saw them. The time
// includes one read of the log, so it errs on the late side.
import { logChannel } from '../../packages/server/src/events/commit-changes.ts';
import type { PubSub } from '../../packages/server/src/pubsub/port.ts';
import type { Db } from '../../packages/server/src/store/db.ts';

export interface CommitWatch {
  /** WhatsApp message id → epoch ms when its commit was seen. */
  seen: Map<string, number>;
  stop(): Promise<void>;
}

export async function watchCommits(
  pubsub: PubSub,
  db: Db,
  prefix: string,
  tenantId: string,
): Promise<CommitWatch> {
  const seen = new Map<string, number>();
  const head = await db.query<{ seq: number }>('SELECT seq FROM tenant_counters WHERE tenant_id = $1', [
    tenantId,
  ]);
  let cursor = Number(head.rows[0]?.seq ?? 0);
  let reading = false;
  let again = false;
  const read = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const { rows } = await db.query<{ seq: number; type: string; wa: string | null }>(
          `SELECT seq, type, data->>'waMessageId' AS wa FROM event_log WHERE tenant_id = $1 AND seq > $2 ORDER BY seq`,
          [tenantId, cursor],
        );
        const now = Date.now();
        for (const r of rows) {
          cursor = Math.max(cursor, Number(r.seq));
          if (r.type === 'message.created' && r.wa && !seen.has(r.wa)) seen.set(r.wa, now);
        }
      } while (again);
    } finally {
      reading = false;
    }
  };
  const unsubscribe = await pubsub.subscribe(logChannel(prefix), (message) => {
    const { tenantId: t } = JSON.parse(message) as { tenantId: string };
    if (t === tenantId) void read();
  });
  return {
    seen,
    async stop() {
      await unsubscribe();
      await read();
    },
  };
}

/** Latency percentiles in ms of sent messages (id → intended send time) against their commits. */
export function commitLatency(sent: { id: string; intendedAt: number }[], seen: Map<string, number>) {
  const lat = sent.flatMap((s) => {
    const at = seen.get(s.id);
    return at === undefined ? [] : [Math.max(0, at - s.intendedAt)];
  });
  lat.sort((a, b) => a - b);
  const pct = (p: number) =>
    lat.length ? lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)]! : null;
  return {
    committed: lat.length,
    missing: sent.length - lat.length,
    p50: pct(50),
    p99: pct(99),
    max: pct(100),
  };
}
