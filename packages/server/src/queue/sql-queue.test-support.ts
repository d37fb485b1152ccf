// The contract fixture of the SQL queue, on PGlite or PostgreSQL: fresh queues on one database, and
// a clock moved on by shifting their lanes' lease and delay deadlines back.
import type { PubSub } from '../pubsub/port.ts';
import type { Db } from '../store/db.ts';
import { createSqlQueue } from './embedded.ts';
import type { IngestQueue } from './port.ts';
import type { QueueFixture } from './queue.contract.ts';

export function sqlQueueFixture(db: Db, pubsub: PubSub, teardown: () => Promise<void>): QueueFixture {
  const names = new Map<IngestQueue, string>();
  return {
    async make(leaseMs) {
      const name = `q${names.size}`;
      const q = createSqlQueue({ db, name, pubsub, leaseMs });
      names.set(q, name);
      return q;
    },
    async elapse(q, ms) {
      await db.query(
        `UPDATE queue_lanes SET leased_until = leased_until - $2 * interval '1 millisecond',
           ready_at = ready_at - $2 * interval '1 millisecond' WHERE queue = $1`,
        [names.get(q), ms],
      );
    },
    teardown,
  };
}
