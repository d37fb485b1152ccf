// Where the server finds the files it ships beside its code (migrations, the dashboard build).
// Paths relative to a module's own URL differ between src/ (tsx, tests) and dist/ (the bundle), so
// both start from the package folder: the nearest folder above this module with a package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const SERVER_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

/** The SQL migrations, read at run time from the source tree (the build does not copy them). */
export const MIGRATIONS_DIR = join(SERVER_ROOT, 'src/store/migrations');
/** The dashboard's Vite build (packages/web/dist). */
export const WEB_DIST = join(SERVER_ROOT, '../web/dist');
