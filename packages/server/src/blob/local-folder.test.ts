import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobContract } from './blob.contract.ts';
import { createFolderBlobStore } from './local-folder.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

blobContract('local folder', () => createFolderBlobStore(dir));

describe('local folder blob store', () => {
  it('refuses a key that climbs out of its folder', async () => {
    await expect(
      createFolderBlobStore(dir).put('../outside', Buffer.from('x'), 'text/plain'),
    ).rejects.toThrow(/escapes/);
  });
});
