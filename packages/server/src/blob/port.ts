// Blob storage for media files: a folder in the embedded default, any S3-compatible store in scale
// mode. Keys are tenant-scoped paths chosen by Parley (`<tenant>/<media id>`), never user input.
import type { Readable } from 'node:stream';

export interface BlobStore {
  readonly kind: 'folder' | 's3';
  put(key: string, bytes: Buffer, mimeType: string): Promise<void>;
  /** The bytes as a stream, or null when the key holds nothing. */
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

/** Reads a whole stream (tests, and files small enough to hold: WhatsApp caps media at 100 MB). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
