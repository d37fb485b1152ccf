#!/usr/bin/env node
// Compiles the parley program to dist/ with esbuild: one ES module per entry plus shared chunks, so
// a role loads only the modules it reaches. Packages from npm stay external (loaded from
// node_modules at run time, and only when a role imports them); the workspace's own TypeScript
// packages (@parley/sync, @parley/wa-sim) are bundled in, since Node cannot load their sources.
// Runs from `npm install` (the root's prepare script), so esbuild is a dependency, not a devDependency.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const outdir = `${root}dist`;

const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@parley/') ? undefined : { path: args.path, external: true },
    );
  },
};

rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
await build({
  entryPoints: { main: `${root}src/cli/main.ts` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [npmPackagesExternal],
  logLevel: 'warning',
});
process.stdout.write(`parley: compiled to ${outdir} in ${Math.round(performance.now() - started)} ms\n`);
