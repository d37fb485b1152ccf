// Keeps every channel's template list fresh in the background, so the agent's template picker
// rarely waits on Meta (the read path still refreshes a list older than ten minutes). Each process
// of the worker role runs one; a channel's refresh is claimed in the database (a conditional
// UPDATE of template_syncs.refresh_claimed_at), so two processes never refresh it at once, and a
// channel refreshed recently (by a reader or another process) is skipped.
import type { Logger } from '../log/logger.ts';
import { createPeriodicTask } from '../services/periodic-task.ts';
import type { Service } from '../services/service.ts';
import type { Db } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';
import type { GraphClient } from './graph-client.ts';
import { type ChannelRow, refreshTemplates } from './template-cache.ts';

export interface TemplateRefreshDeps {
  db: Db;
  box: SecretBox;
  graph: GraphClient;
  log: Logger;
}

export interface TemplateRefreshOptions {
  /** A list synced more recently than this is left alone. */
  staleAfterMs: number;
  /** Channels refreshed in one run at most (the oldest lists first); default 50. */
  limit?: number;
  /** A claim older than this belongs to a process that died and may be taken; default 5 minutes. */
  claimTtlMs?: number;
}

export interface TemplateRefreshRun {
  refreshed: number;
  failed: number;
  /** Claimed by another process, or refreshed by someone since the channel was picked. */
  skipped: number;
}

export async function refreshDueTemplates(
  deps: TemplateRefreshDeps,
  opts: TemplateRefreshOptions,
): Promise<TemplateRefreshRun> {
  const run: TemplateRefreshRun = { refreshed: 0, failed: 0, skipped: 0 };
  const { rows } = await deps.db.query<ChannelRow>(
    `SELECT ch.id, ch.tenant_id, ch.waba_id, ch.access_token_enc, s.synced_at
     FROM channels ch LEFT JOIN template_syncs s ON s.channel_id = ch.id
     WHERE ch.waba_id IS NOT NULL AND ch.access_token_enc IS NOT NULL
       AND (s.synced_at IS NULL OR s.synced_at < now() - $1 * interval '1 millisecond')
     ORDER BY s.synced_at NULLS FIRST, ch.id LIMIT $2`,
    [opts.staleAfterMs, opts.limit ?? 50],
  );
  for (const ch of rows) {
    // The staleness test is repeated in the claim: another process may have refreshed it meanwhile.
    // Milliseconds only, so the claim read back into a Date is the exact value to release.
    const claim = await deps.db.query<{ claimed: Date }>(
      `INSERT INTO template_syncs (channel_id, synced_at, refresh_claimed_at)
       VALUES ($1, 'epoch', date_trunc('milliseconds', now()))
       ON CONFLICT (channel_id) DO UPDATE SET refresh_claimed_at = date_trunc('milliseconds', now())
       WHERE template_syncs.synced_at < now() - $2 * interval '1 millisecond'
         AND (template_syncs.refresh_claimed_at IS NULL OR template_syncs.refresh_claimed_at < now() - $3 * interval '1 millisecond')
       RETURNING refresh_claimed_at AS claimed`,
      [ch.id, opts.staleAfterMs, opts.claimTtlMs ?? 5 * 60_000],
    );
    const claimed = claim.rows[0]?.claimed;
    if (!claimed) {
      run.skipped++;
      continue;
    }
    try {
      const result = await refreshTemplates(deps.db, deps.box, deps.graph, ch);
      if (result.ok) run.refreshed++;
      else {
        run.failed++;
        deps.log.warn(
          { channel: ch.id, reason: result.reason },
          'templates: refresh from the Graph API failed, the cached list stays',
        );
      }
    } catch (err) {
      run.failed++;
      deps.log.error({ channel: ch.id, err: (err as Error).message }, 'templates: refresh threw');
    } finally {
      await deps.db.query(
        'UPDATE template_syncs SET refresh_claimed_at = NULL WHERE channel_id = $1 AND refresh_claimed_at = $2',
        [ch.id, claimed],
      );
    }
  }
  return run;
}

/**
 * The worker's template refresher: every `intervalMs`, refreshes the channels whose list is older
 * than half of it (so a list is at most about one interval old, and one a reader just refreshed is
 * not fetched again).
 */
export function createTemplateRefresher(deps: TemplateRefreshDeps, intervalMs: number): Service {
  return createPeriodicTask(
    'template-refresher',
    intervalMs,
    async () => {
      const run = await refreshDueTemplates(deps, { staleAfterMs: intervalMs / 2 });
      if (run.refreshed + run.failed > 0) deps.log.debug(run, 'templates: refresh run');
    },
    deps.log,
  );
}
