// A worker process that dies (SIGKILL, by its own hand) right after its first ingest batch commits
// and before any hook runs: the crash the followup outbox exists for (hooks/followups.ts). Run by
// followups.pg.test.ts as `node --import tsx die-after-commit-worker.ts` with a harness's env.
import { createAssignmentHook } from '../assignment/assignment-hook.ts';
import { loadConfig } from '../config/env.ts';
import { createIngestWorker } from '../ingest/ingest-worker.ts';
import { createLogger } from '../log/logger.ts';
import { createMetrics } from '../metrics/registry.ts';
import { openBackends } from '../runtime/open-backends.ts';

const config = loadConfig(process.env);
const log = createLogger('warn', false);
const backends = await openBackends(config, log);
const prefix = config.PARLEY_QUEUE_PREFIX;
const worker = createIngestWorker({
  db: backends.db,
  queue: backends.queue,
  pubsub: backends.pubsub,
  prefix,
  concurrency: 1,
  hooks: [
    {
      name: 'die',
      async afterPersist() {
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => {});
      },
    },
    createAssignmentHook({
      db: backends.db,
      pubsub: backends.pubsub,
      prefix,
      log,
      outbound: backends.outbound,
    }),
  ],
  followupLeaseMs: Number(process.env.FOLLOWUP_LEASE_MS ?? 1000),
  metrics: createMetrics(),
  log,
});
await worker.start();
