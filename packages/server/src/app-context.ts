import type { BlobStore } from './blob/port.ts';
import type { Config } from './config/env.ts';
import type { Logger } from './log/logger.ts';
import type { Metrics } from './metrics/registry.ts';
import type { PubSub } from './pubsub/port.ts';
import type { IngestQueue } from './queue/port.ts';
import type { Db } from './store/db.ts';
import type { SecretBox } from './store/secret-box.ts';
import type { ChannelDirectory } from './webhook/channel-directory.ts';

/** What the roles share in one process: connections, configuration and observability. */
export interface AppContext {
  config: Config;
  db: Db;
  queue: IngestQueue;
  /** Sends, read receipts and media downloads (lanes per conversation): see outbound/. */
  outbound: IngestQueue;
  /** Bot turns, in lanes of their own (see bots/). */
  bots: IngestQueue;
  /** Media files (a folder, or S3 when PARLEY_S3_BUCKET is set). */
  blobs: BlobStore;
  pubsub: PubSub;
  /** Namespaces queue keys and pub/sub channels (a test run or deployment of its own). */
  prefix: string;
  channels: ChannelDirectory;
  box: SecretBox;
  appSecret: string;
  verifyToken: string;
  /** The admin token of this instance (embedded: kept in the data folder for the CLI). */
  adminToken: string | null;
  metrics: Metrics;
  log: Logger;
}
