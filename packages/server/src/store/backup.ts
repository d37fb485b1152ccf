// Backup and restore of the embedded default's data folder: the database (PGlite's own dump, taken
// between two queries, so it is the state a crash at that instant would leave and PostgreSQL's
// recovery makes consistent on open), the generated secrets that decrypt channel tokens, and the
// media folder. One gzip tar: parley-backup.json, pgdata.tar.gz, secrets.json, media/.
// PostgreSQL installations use pg_dump instead (docs/operations.md).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as tar from 'tar';
import { ParleyError } from '../errors.ts';
import type { Db } from './db.ts';

const MANIFEST = 'parley-backup.json';
const FORMAT = 1;

export interface BackupResult {
  file: string;
  bytes: number;
}

/** Writes the backup to `file` (through a temporary name, so a failed backup leaves no half file). */
export async function backupDataDir(db: Db, dataDir: string, file: string): Promise<BackupResult> {
  if (!db.dumpDataDir) {
    throw new ParleyError(
      'PARLEY_ERR_VALIDATION',
      'parley backup copies the embedded data folder; on PostgreSQL use pg_dump (docs/operations.md)',
    );
  }
  const staging = mkdtempSync(join(tmpdir(), 'parley-backup-'));
  const partial = join(dirname(file), `.${basename(file)}.partial`);
  try {
    const dump = await db.dumpDataDir();
    writeFileSync(join(staging, 'pgdata.tar.gz'), Buffer.from(await dump.arrayBuffer()));
    writeFileSync(
      join(staging, MANIFEST),
      JSON.stringify({ format: FORMAT, createdAt: new Date().toISOString() }),
    );
    const entries = [MANIFEST, 'pgdata.tar.gz'];
    if (existsSync(join(dataDir, 'secrets.json'))) {
      copyFileSync(join(dataDir, 'secrets.json'), join(staging, 'secrets.json'));
      entries.push('secrets.json');
    }
    if (existsSync(join(dataDir, 'media'))) {
      symlinkSync(join(dataDir, 'media'), join(staging, 'media'));
      entries.push('media');
    }
    mkdirSync(dirname(file), { recursive: true });
    await tar.create({ gzip: true, file: partial, cwd: staging, follow: true, portable: true }, entries);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size };
  } finally {
    rmSync(partial, { force: true });
    rmSync(staging, { recursive: true, force: true });
  }
}

export interface RestoreOptions {
  /** Replace a database already in the folder (it is kept beside, renamed, not deleted). */
  force?: boolean;
  /** Opens PGlite on `dir` from a dump (store/pglite.ts), then closes it. */
  load(dir: string, dump: Blob): Promise<void>;
}

/** Restores a backup into `dataDir`. The caller holds the data folder's lock (no server runs). */
export async function restoreDataDir(
  file: string,
  dataDir: string,
  opts: RestoreOptions,
): Promise<{ kept: string | null }> {
  const staging = mkdtempSync(join(tmpdir(), 'parley-restore-'));
  try {
    await tar.extract({ file, cwd: staging, strict: true });
    const manifest = join(staging, MANIFEST);
    if (!existsSync(manifest) || !existsSync(join(staging, 'pgdata.tar.gz'))) {
      throw new ParleyError(
        'PARLEY_ERR_VALIDATION',
        `${file} is not a parley backup (no ${MANIFEST} or pgdata.tar.gz in it)`,
      );
    }
    const { format } = JSON.parse(readFileSync(manifest, 'utf8')) as { format: number };
    if (format !== FORMAT) {
      throw new ParleyError(
        'PARLEY_ERR_VALIDATION',
        `${file} has backup format ${format}; this Parley reads format ${FORMAT}`,
      );
    }
    const pgdata = join(dataDir, 'pgdata');
    let kept: string | null = null;
    if (existsSync(pgdata)) {
      if (!opts.force) {
        throw new ParleyError(
          'PARLEY_ERR_CONFLICT',
          `${dataDir} already holds a database: pass --force to replace it (it is kept, renamed), or restore into an empty PARLEY_DATA_DIR`,
        );
      }
      kept = `${pgdata}.before-restore-${Date.now()}`;
      renameSync(pgdata, kept);
    }
    const dump = new Blob([readFileSync(join(staging, 'pgdata.tar.gz'))]);
    await opts.load(pgdata, dump);
    if (existsSync(join(staging, 'secrets.json')))
      copyFileSync(join(staging, 'secrets.json'), join(dataDir, 'secrets.json'));
    if (existsSync(join(staging, 'media'))) {
      rmSync(join(dataDir, 'media'), { recursive: true, force: true });
      renameSync(join(staging, 'media'), join(dataDir, 'media'));
    }
    return { kept };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
