// After an ingest batch commits, each new customer message that carries media gets a download job
// on the outbound queue: the ingest lane never waits for a file. The append is outside the ingest
// transaction; if it fails, media-sweep.ts queues the download again after a grace period.
import type { PersistHook } from '../hooks/persist-hook.ts';
import type { IngestQueue } from '../queue/port.ts';
import { enqueue, mediaJob } from './outbound-jobs.ts';
import { isMediaKind } from './send-request.ts';

export function createMediaHook(outbound: IngestQueue): PersistHook {
  return {
    name: 'inbound-media',
    async afterPersist(tenantId, outcome) {
      await enqueue(
        outbound,
        outcome.newMessages
          .filter((m) => isMediaKind(m.kind))
          .map((m) => mediaJob(tenantId, m.conversationId, m.messageId)),
      );
    },
  };
}
