// One contract suite for every BlobStore adapter (folder, S3): run by folder.test.ts and
// s3.s3rver.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type BlobStore, readAll } from './port.ts';

export function blobContract(name: string, open: () => BlobStore): void {
  describe(`blob store contract: ${name}`, () => {
    it('gives back the exact bytes it was given', async () => {
      const store = open();
      const bytes = randomBytes(300_000);
      await store.put('tenant-a/one', bytes, 'application/octet-stream');
      const back = await store.get('tenant-a/one');
      expect(back).not.toBeNull();
      const got = await readAll(back!);
      expect(createHash('sha256').update(got).digest('hex')).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
    });

    it('answers null for a key that holds nothing', async () => {
      expect(await open().get('tenant-a/missing')).toBeNull();
    });

    it('replaces a key that is written twice', async () => {
      const store = open();
      await store.put('tenant-a/twice', Buffer.from('first'), 'text/plain');
      await store.put('tenant-a/twice', Buffer.from('second'), 'text/plain');
      expect((await readAll((await store.get('tenant-a/twice'))!)).toString()).toBe('second');
    });

    it('forgets a deleted key', async () => {
      const store = open();
      await store.put('tenant-a/gone', Buffer.from('x'), 'text/plain');
      await store.delete('tenant-a/gone');
      expect(await store.get('tenant-a/gone')).toBeNull();
    });
  });
}
