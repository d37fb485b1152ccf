#!/usr/bin/env node
// Fails when an installed package declares a Node engine range that one of the Node versions we
// support falls outside of (npm only warns, and only for the Node it runs on).
// Usage: node .ci/check-engines.mjs 20.19.0 22.13.0 24.0.0
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const semver = createRequire(import.meta.url)('semver');
const versions = process.argv.slice(2);
const bad = [];

function walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (name.startsWith('@')) {
      walk(path);
      continue;
    }
    const manifest = join(path, 'package.json');
    if (existsSync(manifest)) {
      const { name: pkg, version, engines } = JSON.parse(readFileSync(manifest, 'utf8'));
      const range = engines?.node;
      if (typeof range === 'string') {
        for (const v of versions)
          if (!semver.satisfies(v, range))
            bad.push(`${pkg}@${version} wants node ${range}, not ${v} (${path})`);
      }
    }
    walk(join(path, 'node_modules'));
  }
}

walk('node_modules');
for (const ws of readdirSync('packages')) walk(join('packages', ws, 'node_modules'));
for (const ws of ['bench', 'e2e']) walk(join(ws, 'node_modules'));
if (bad.length > 0) {
  process.stderr.write(
    `engines: ${bad.length} package(s) do not support every Node we do:\n  ${bad.join('\n  ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`engines: every installed package supports Node ${versions.join(', ')}\n`);
