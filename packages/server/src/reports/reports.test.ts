// Reports on the embedded default (PGlite).
import { describe } from 'vitest';
import { startTestServer } from '../test-support/test-server.ts';
import { reportsContract } from './reports.contract.ts';

describe('reports (embedded)', () => {
  reportsContract(async () => {
    const server = await startTestServer();
    return { server, close: () => server.stop() };
  });
});
