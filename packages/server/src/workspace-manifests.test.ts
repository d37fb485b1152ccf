// The workspaces' package.json files say what is true: every `exports` target exists, and a
// workspace that imports another (`@parley/x`) declares it, so npm links it and a reader of the
// manifest sees the dependency. (Hoisting made undeclared imports work by accident.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Manifest {
  name: string;
  exports?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const workspaces = [
  ...readdirSync(join(root, 'packages')).map((d) => join(root, 'packages', d)),
  join(root, 'bench'),
  join(root, 'e2e'),
].filter((dir) => existsSync(join(dir, 'package.json')));

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !/(^|[/\\])(node_modules|dist)[/\\]/.test(relative(dir, f)));
}

describe('workspace manifests', () => {
  it('point every export at a file that exists', () => {
    const broken = workspaces.flatMap((dir) =>
      Object.values(manifest(dir).exports ?? {})
        .filter((target) => !existsSync(join(dir, target)))
        .map((target) => `${relative(root, dir)}/package.json exports ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('declare every workspace they import', () => {
    const missing = workspaces.flatMap((dir) => {
      const m = manifest(dir);
      const declared = new Set([
        ...Object.keys(m.dependencies ?? {}),
        ...Object.keys(m.devDependencies ?? {}),
      ]);
      const imported = new Set(
        sourceFiles(dir).flatMap((f) =>
          [...readFileSync(f, 'utf8').matchAll(/from '(@parley\/[a-z-]+)'/g)].map((x) => x[1]!),
        ),
      );
      return [...imported]
        .filter((name) => name !== m.name && !declared.has(name))
        .map((name) => `${m.name} → ${name}`);
    });
    expect(missing).toEqual([]);
  });
});
