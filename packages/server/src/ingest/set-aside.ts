// Nothing of a webhook is dropped without a trace: items the parser could not use are quarantined
// one by one, in the batch's transaction, each as an envelope of its own that `parley quarantine
// replay` can route again after a fix. A redelivery finds its items kept already (item_key).
import { createHash } from 'node:crypto';
import type { Queryable } from '../store/db.ts';
import type { SetAsideItem } from './parse-webhook.ts';

/** The metric and quarantine reason of a set-aside item: `unreadable_message`, … */
export const setAsideReason = (item: SetAsideItem): string => `unreadable_${item.kind}`;

/** Quarantines the items; answers how many were new, by reason. */
export async function keepSetAside(
  q: Queryable,
  tenantId: string,
  items: readonly SetAsideItem[],
): Promise<Map<string, number>> {
  const kept = new Map<string, number>();
  if (items.length === 0) return kept;
  const rows = items.map((item) => {
    const body = JSON.stringify(item.body);
    return {
      reason: `${setAsideReason(item)}: ${item.reason}`,
      channel_hint: item.phoneNumberId,
      body,
      item_key: createHash('sha256').update(tenantId).update('\n').update(body).digest('hex'),
    };
  });
  const { rows: inserted } = await q.query<{ reason: string }>(
    `INSERT INTO quarantine (reason, channel_hint, body, item_key)
     SELECT i.reason, i.channel_hint, i.body, i.item_key
     FROM jsonb_to_recordset($1::jsonb) AS i(reason text, channel_hint text, body text, item_key text)
     ON CONFLICT (item_key) WHERE item_key IS NOT NULL DO NOTHING
     RETURNING reason`,
    [JSON.stringify(rows)],
  );
  for (const r of inserted) {
    const reason = r.reason.slice(0, r.reason.indexOf(':'));
    kept.set(reason, (kept.get(reason) ?? 0) + 1);
  }
  return kept;
}
