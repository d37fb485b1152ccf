// In scale mode the login limits are counted in Redis: two API processes together allow what one
// allows, so adding processes does not multiply the guesses an attacker gets.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleModeFixture, scaleServicesAvailable } from '../test-support/scale-mode.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

const svc = await scaleServicesAvailable();

describe.skipIf(!svc.ok)(`login limits across processes${svc.ok ? '' : `: skipped, ${svc.reason}`}`, () => {
  const servers: TestServer[] = [];
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const fixture = await scaleModeFixture('limits_');
    const opts = { databaseUrl: fixture.databaseUrl, env: fixture.env };
    // One at a time: the first migrates and seeds the database, the second finds it ready.
    servers.push(await startTestServer(opts));
    servers.push(await startTestServer(opts));
    cleanup = async () => {
      for (const s of servers) await s.stop();
      await fixture.drop();
    };
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('the 11th attempt on one account gets 429 even when the attempts are spread over two processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const server = servers[i % 2]!;
      const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: server.admin.email, password: `guess-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
  });

  it("the owner logs in from another address while an attacker's address is refused", async () => {
    const server = servers[0]!;
    const statusFrom = (localAddress: string, password: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${server.baseUrl}/api/v1/auth/login`,
          { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ email: server.admin.email, password }));
      });
    expect(await statusFrom('127.0.0.1', server.admin.password)).toBe(429);
    expect(await statusFrom('127.0.0.9', server.admin.password)).toBe(200);
  });
});
