// Sight on the embedded default (PGlite).
import { describe } from 'vitest';
import { startTestServer } from '../test-support/test-server.ts';
import { sightContract } from './sight.contract.ts';

describe('sight (embedded)', () => {
  sightContract(async () => {
    const server = await startTestServer();
    return { server, close: () => server.stop() };
  });
});
