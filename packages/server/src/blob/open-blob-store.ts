// The blob store the configuration selects: S3 when PARLEY_S3_BUCKET is set, else a folder in the
// data directory (which, in scale mode, every process must share: use S3 there).
import { join } from 'node:path';
import type { Config } from '../config/env.ts';
import { createFolderBlobStore } from './local-folder.ts';
import type { BlobStore } from './port.ts';

export function openBlobStore(config: Config): BlobStore {
  const bucket = config.PARLEY_S3_BUCKET;
  if (!bucket) return createFolderBlobStore(join(config.PARLEY_DATA_DIR, 'media'));
  // The AWS SDK is large: it loads on the first media read or write, not when the process boots.
  let loaded: Promise<BlobStore> | null = null;
  const s3 = () =>
    (loaded ??= import('./s3.ts').then(({ createS3BlobStore }) =>
      createS3BlobStore({
        bucket,
        region: config.PARLEY_S3_REGION,
        endpoint: config.PARLEY_S3_ENDPOINT,
        accessKeyId: config.PARLEY_S3_ACCESS_KEY_ID,
        secretAccessKey: config.PARLEY_S3_SECRET_ACCESS_KEY,
      }),
    ));
  return {
    kind: 's3',
    put: async (key, bytes, mimeType) => (await s3()).put(key, bytes, mimeType),
    get: async (key) => (await s3()).get(key),
    delete: async (key) => (await s3()).delete(key),
  };
}
