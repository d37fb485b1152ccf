// Blob storage in a local folder (the embedded default: PARLEY_DATA_DIR/media). A file is written
// under a temporary name and renamed, so a crash never leaves half a file under its real key.

import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { BlobStore } from './port.ts';

export function createFolderBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const p = resolve(join(base, key));
    // Keys are ours, but a key that climbs out of the folder is a bug worth stopping loudly.
    if (!p.startsWith(base + sep)) throw new Error(`blob key escapes the media folder: ${key}`);
    return p;
  };
  return {
    kind: 'folder',
    async put(key, bytes) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      const tmp = `${p}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, p);
    },
    async get(key) {
      const p = pathOf(key);
      try {
        await stat(p);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      return createReadStream(p);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
