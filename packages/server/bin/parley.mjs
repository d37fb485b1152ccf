#!/usr/bin/env node
// The parley program. It runs the compiled build (dist/, made by `npm install` through the root's
// prepare script, or `npm run build`). It runs the TypeScript sources through tsx instead when
// PARLEY_RUN_SOURCE=1 (the tests set it, so they always run what is in src/), when there is no
// build, or when a source file is newer than the build (a checkout edited since the last install):
// a stale build would silently run old code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const BUILD = here('../dist/main.js');
const SOURCES = [here('../src'), here('../../sync/src')];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

function buildIsCurrent() {
  if (!existsSync(BUILD)) return false;
  const built = statSync(BUILD).mtimeMs;
  return SOURCES.every((dir) => !existsSync(dir) || newestMtime(dir) <= built);
}

let main;
if (process.env.PARLEY_RUN_SOURCE !== '1' && buildIsCurrent()) {
  process.setSourceMapsEnabled(true);
  ({ main } = await import(BUILD));
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      existsSync(BUILD)
        ? 'parley: the sources changed since the build and tsx is not installed: run `npm run build`\n'
        : 'parley: there is no build (dist/) and tsx is not installed: run `npm install` or `npm run build`\n',
    );
    process.exit(1);
  }
  if (process.env.PARLEY_RUN_SOURCE !== '1' && existsSync(BUILD)) {
    process.stderr.write(
      'parley: sources newer than the build, running them through tsx (`npm run build` to compile)\n',
    );
  }
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv.slice(2));
