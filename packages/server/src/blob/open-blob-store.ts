// The blob store the configuration selects: S3 when PARLEY_S3_BUCKET is set, else a folder in the
// data directory (which, in scale mode, every process must share: use S3 there).
import { join } from 'node:path';
import type { Config } from '../config/env.ts';
import { createFolderBlobStore } from './local-folder.ts';
import type { BlobStore } from './port.ts';
import { createS3BlobStore } from './s3.ts';

export function openBlobStore(config: Config): BlobStore {
  if (config.PARLEY_S3_BUCKET) {
    return createS3BlobStore({
      bucket: config.PARLEY_S3_BUCKET,
      region: config.PARLEY_S3_REGION,
      endpoint: config.PARLEY_S3_ENDPOINT,
      accessKeyId: config.PARLEY_S3_ACCESS_KEY_ID,
      secretAccessKey: config.PARLEY_S3_SECRET_ACCESS_KEY,
    });
  }
  return createFolderBlobStore(join(config.PARLEY_DATA_DIR, 'media'));
}
