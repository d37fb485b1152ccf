// Blob storage in any S3-compatible store (AWS S3, MinIO, R2, …) through the official AWS SDK.

import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { BlobStore } from './port.ts';

export interface S3Options {
  bucket: string;
  region: string;
  /** For S3-compatible stores other than AWS; absent: AWS's own endpoint. */
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Path-style URLs (bucket in the path): what MinIO and s3rver need. */
  forcePathStyle?: boolean;
}

export function createS3BlobStore(opts: S3Options): BlobStore & { client: S3Client } {
  const client = new S3Client({
    region: opts.region,
    ...(opts.endpoint && { endpoint: opts.endpoint }),
    forcePathStyle: opts.forcePathStyle ?? Boolean(opts.endpoint),
    ...(opts.accessKeyId &&
      opts.secretAccessKey && {
        credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
      }),
  });
  const Bucket = opts.bucket;
  return {
    kind: 's3',
    client,
    async put(key, bytes, mimeType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: mimeType }));
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return (out.Body as Readable | undefined) ?? null;
      } catch (err) {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
