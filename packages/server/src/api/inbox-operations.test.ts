// The inbox's operations on the embedded default (PGlite in a temporary data folder).
import { describe } from 'vitest';
import { startTestServer } from '../test-support/test-server.ts';
import { inboxOperationsContract } from './inbox-operations.contract.ts';

describe('inbox operations (embedded)', () => {
  inboxOperationsContract(async () => {
    const server = await startTestServer();
    return { server, close: () => server.stop() };
  });
});
