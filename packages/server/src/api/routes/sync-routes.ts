import { type SyncEntry, type SyncPage, SyncPageSchema } from '@parley/sync';
import { z } from 'zod';
import { viewOf } from '../../auth/entry-view.ts';
import { loadVisibility } from '../../auth/visibility.ts';
import { ParleyError } from '../../errors.ts';
import { headOf } from '../../events/event-log.ts';
import { readEntriesFast } from '../../events/read-entries-fast.ts';
import { principal, requireAuth } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

export const SYNC_PAGE_MAX_BYTES = 1024 * 1024;

/** The longest prefix whose JSON stays within maxBytes; never empty when items is not (progress). */
export function takeWithinBytes<T>(items: readonly T[], maxBytes: number): T[] {
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(items[i]));
    if (bytes > maxBytes && i > 0) return items.slice(0, i);
  }
  return [...items];
}

export const syncRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  app.get(
    '/api/v1/sync',
    {
      preHandler: requireAuth(db),
      schema: {
        tags: ['sync'],
        summary: 'Every event-log entry after the cursor, in order, exactly once',
        description:
          'Entries the caller may not see come as { tenantId, seq, type: "hidden" } so a gap always means a missed entry. ' +
          'A cursor older than the retained log (or 0 once the log has entries) answers 410 cursor_expired: load a snapshot, which carries its own cursor.',
        querystring: z.object({
          cursor: z.coerce.number().int().min(0),
          limit: z.coerce.number().int().min(1).max(1000).default(500),
        }),
        response: { 200: SyncPageSchema },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      const { cursor, limit } = req.query;
      const head = await headOf(db, p.tenantId);
      if (cursor > head.seq) {
        throw new ParleyError(
          'PARLEY_ERR_VALIDATION',
          `cursor ${cursor} is ahead of this tenant's log (at ${head.seq}); it belongs to another tenant or database`,
        );
      }
      if ((cursor === 0 && head.seq > 0) || cursor < head.prunedThrough)
        throw new ParleyError('PARLEY_ERR_CURSOR_EXPIRED');
      const [entries, vis] = await Promise.all([
        readEntriesFast(db, p.tenantId, cursor, limit + 1),
        loadVisibility(db, p),
      ]);
      // Pruning may have run between reading the head and the entries: never answer with a hole.
      if (entries.length > 0 && entries[0]!.seq !== cursor + 1)
        throw new ParleyError('PARLEY_ERR_CURSOR_EXPIRED');
      const views = entries.slice(0, limit).map((e) => viewOf(e, vis));
      // A page ends at the entry count or at SYNC_PAGE_MAX_BYTES, whichever comes first, so a few
      // huge entries cannot make one answer (and the memory to build it) grow without bound.
      const out: SyncEntry[] = takeWithinBytes(views, SYNC_PAGE_MAX_BYTES);
      const body: SyncPage = {
        entries: out,
        cursor: out.at(-1)?.seq ?? cursor,
        hasMore: entries.length > out.length,
      };
      // Built here, typed by SyncPage: validating thousands of entries again on the way out would
      // cost more than the database read (the schema stays for the docs).
      return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
    },
  );
};
