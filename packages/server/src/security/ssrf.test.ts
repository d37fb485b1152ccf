// Server-side request forgery: a tenant's URLs (webhook bots, and the media URLs Graph answers
// with) never reach this machine or its network, whatever the notation, through redirects, nor
// carry a channel's token anywhere but WhatsApp's hosts. The guarded fetch's own tests are in
// src/net/guarded-fetch.test.ts (every notation, DNS rebinding at connect time).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToWebhookBot } from '../bots/webhook-bot.ts';
import { createGuardedFetch } from '../net/guarded-fetch.ts';
import { createGraphClient } from '../outbound/graph-client.ts';
import { apiClient, createTenantFixture, type TenantFixture } from '../test-support/inbox-fixture.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

let server: TestServer;
let t: TenantFixture;
let local: Server;
let localPort: number;
const hits: { url: string; auth: string | undefined }[] = [];
beforeAll(async () => {
  local = createServer((req, res) => {
    hits.push({ url: req.url ?? '', auth: req.headers.authorization });
    if (req.url?.startsWith('/redirect')) {
      res.writeHead(307, { location: `http://127.0.0.1:${localPort}/internal` }).end();
      return;
    }
    res.end('secret internal answer');
  });
  await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
  localPort = (local.address() as { port: number }).port;
  server = await startTestServer();
  t = await createTenantFixture(server.ctx, 'ssrf');
});
afterAll(async () => {
  await server?.stop();
  await new Promise((r) => local.close(r));
});

describe('webhook bot URLs', () => {
  it('are refused in every notation of a local address, with a reason that names no port', async () => {
    const call = apiClient(server.baseUrl, t.owner.token);
    for (const host of [
      '127.0.0.1',
      'localhost',
      '2130706433',
      '0x7f.1',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '10.0.0.5',
      '169.254.169.254',
      '[fd00:ec2::254]',
    ]) {
      const res = await call('POST', '/api/v1/bots', {
        kind: 'webhook',
        name: 'Sneaky',
        webhookUrl: `http://${host}:${localPort}/hook`,
      });
      expect(res.status, host).toBe(400);
      expect(res.text, host).toMatch(/does not call/);
      expect(res.text, host).not.toContain(String(localPort));
    }
    expect(hits).toEqual([]);
  });

  it('a delivery does not follow a redirect into the local network', async () => {
    // Allowed here so the first hop is reachable; the redirect's target must still not be fetched.
    const f = createGuardedFetch({ allow: ['127.0.0.1'] });
    const context = {
      tenantId: t.tenantId,
      conversationId: t.conversationId,
      contact: { id: t.contactId, name: 'x', waId: '1' },
      message: { waMessageId: 'wamid.x', kind: 'text', text: 'hi' },
      state: {},
      now: new Date(),
    };
    await expect(
      deliverToWebhookBot({
        url: `http://127.0.0.1:${localPort}/redirect`,
        secret: 's',
        botId: 'b',
        context: context as never,
        fetch: f,
      }),
    ).rejects.toThrow(/307, a redirect, which Parley does not follow/);
    expect(hits.map((h) => h.url)).toEqual(['/redirect']);
    hits.length = 0;
  });
});

describe("Graph's media URLs and a channel's token", () => {
  it('the token goes only to the Graph host (or the media hosts); a local address is refused; ids are checked', async () => {
    const graph = createGraphClient({ baseUrl: 'https://graph.example', version: 'v23.0' });
    const elsewhere = await graph.download(`http://127.0.0.1:${localPort}/file`, 'EAAG-token', 1000);
    expect(elsewhere.ok).toBe(false);
    if (!elsewhere.ok) expect(elsewhere.failure.title).toMatch(/not sent there/);
    const sameHostButLocal = createGraphClient({
      baseUrl: `http://127.0.0.1:${localPort}`,
      version: 'v23.0',
    });
    const refused = await sameHostButLocal.download(`http://127.0.0.1:${localPort}/file`, 'EAAG-token', 1000);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.failure.verdict).toBe('permanent');
      expect(refused.failure.title).toMatch(/does not call/);
    }
    const traversal = await graph.mediaInfo('../../me/accounts', 'EAAG-token');
    expect(traversal.ok).toBe(false);
    if (!traversal.ok) expect(traversal.failure.title).toMatch(/media id is not valid/);
    expect(hits).toEqual([]);
  });

  it('with the simulator allowed explicitly, the token reaches the Graph host', async () => {
    const graph = createGraphClient({
      baseUrl: `http://127.0.0.1:${localPort}`,
      version: 'v23.0',
      mediaFetch: createGuardedFetch({ allow: ['127.0.0.1'] }),
    });
    const got = await graph.download(`http://127.0.0.1:${localPort}/file`, 'EAAG-token', 1000);
    expect(got.ok).toBe(true);
    expect(hits).toEqual([{ url: '/file', auth: 'Bearer EAAG-token' }]);
  });
});
