#!/usr/bin/env node
// The sources are TypeScript run through tsx (installed at the workspace root), so the bin only
// registers the loader and hands over to the CLI module.
import { register } from 'node:module';

register('tsx/esm', import.meta.url);
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
