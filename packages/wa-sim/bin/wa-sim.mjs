#!/usr/bin/env node
// The sources are TypeScript run through tsx (installed at the workspace root), so there is no build
// step. tsx 4.x refuses node:module's register('tsx/esm'), so we use its own register API.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
