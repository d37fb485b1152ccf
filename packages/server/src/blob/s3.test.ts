// The S3 adapter against s3rver (an S3-protocol server over a folder, in process) with the
// official AWS SDK (CONTRACTS "Tests and benchmarks").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import { blobContract } from './blob.contract.ts';
import { createS3BlobStore } from './s3.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-s3rver-'));
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: dir,
  configureBuckets: [{ name: 'parley-media' }],
});
let endpoint = '';

beforeAll(async () => {
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

blobContract('S3 (s3rver)', () =>
  createS3BlobStore({
    bucket: 'parley-media',
    region: 'us-east-1',
    endpoint,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  }),
);
