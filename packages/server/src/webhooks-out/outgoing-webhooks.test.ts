// Outgoing webhooks on the embedded default: the contract with the worker's own chore off (the test
// drives each pass), then once end to end with the worker sending by itself.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { apiClient, createTenantFixture } from '../test-support/inbox-fixture.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { outgoingWebhooksContract } from './outgoing-webhooks.contract.ts';
import { verifyDelivery } from './signature.ts';

describe('outgoing webhooks (embedded)', () => {
  outgoingWebhooksContract(async () => {
    const server = await startTestServer({
      env: { PARLEY_WEBHOOKS_EVERY_MS: '0', PARLEY_FETCH_ALLOW: '127.0.0.1' },
    });
    return { server, close: () => server.stop() };
  });
});

describe('outgoing webhooks sent by the worker', () => {
  it('a note reaches the receiver signed, without anyone driving the worker', async () => {
    const bodies: { body: string; signature: string }[] = [];
    const rx = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        bodies.push({ body, signature: String(req.headers['x-parley-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
    const server = await startTestServer({
      env: { PARLEY_WEBHOOKS_EVERY_MS: '200', PARLEY_FETCH_ALLOW: '127.0.0.1' },
    });
    try {
      const fx = await createTenantFixture(server.ctx, 'W');
      const api = apiClient(server.baseUrl, fx.owner.token);
      const made = await api('POST', '/api/v1/webhooks', {
        url: `http://127.0.0.1:${(rx.address() as AddressInfo).port}/`,
        eventTypes: ['note.created'],
      });
      const { secret } = made.body as { secret: string };
      await api('POST', `/api/v1/conversations/${fx.conversationId}/notes`, { body: 'to the CRM' });
      await expect.poll(() => bodies.length, { timeout: 30_000 }).toBe(1);
      expect(JSON.parse(bodies[0]!.body)).toMatchObject({
        event: 'note.created',
        data: { body: 'to the CRM' },
      });
      expect(verifyDelivery(secret, bodies[0]!.signature, bodies[0]!.body)).toBe(true);
    } finally {
      await server.stop();
      await new Promise<void>((r) => rx.close(() => r()));
    }
  });
});
