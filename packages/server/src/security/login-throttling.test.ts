// Login throttling as an attacker tries it: rotating X-Forwarded-For, and locking the owner out by
// failing on purpose. Without a trusted proxy the connecting address counts; with one, the address
// the proxy names. The test connects from several loopback addresses (127.0.0.x) to be several clients.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../auth/login-limiter.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

let direct: TestServer;
let proxied: TestServer;
beforeAll(async () => {
  [direct, proxied] = await Promise.all([
    startTestServer(),
    startTestServer({ env: { PARLEY_TRUST_PROXY: '127.0.0.1' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

function login(
  server: TestServer,
  password: string,
  opts: { from?: string; forwardedFor?: string } = {},
): Promise<{ status: number; retryAfter: string | undefined }> {
  const body = JSON.stringify({ email: server.admin.email, password });
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.baseUrl}/api/v1/auth/login`,
      {
        method: 'POST',
        localAddress: opts.from ?? '127.0.0.1',
        headers: {
          'content-type': 'application/json',
          ...(opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const tries = LOGIN_LIMITS.perPair.points;

describe('without a trusted proxy (the default)', () => {
  it('a rotated X-Forwarded-For does not escape the limit: the connecting address counts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= tries; i++)
      statuses.push(
        (await login(direct, `wrong-${i}`, { from: '127.0.0.2', forwardedFor: `198.51.100.${i}` })).status,
      );
    expect(statuses).toEqual([...Array<number>(tries).fill(401), 429]);
    const refused = await login(direct, 'again', { from: '127.0.0.2', forwardedFor: '203.0.113.200' });
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  });

  it("the owner with the right password is not locked out by an attacker's wrong tries from another address", async () => {
    for (let i = 0; i < tries + 3; i++) await login(direct, `attack-${i}`, { from: '127.0.0.3' });
    expect((await login(direct, direct.admin.password, { from: '127.0.0.3' })).status).toBe(429);
    expect((await login(direct, direct.admin.password, { from: '127.0.0.4' })).status).toBe(200);
  });
});

describe('behind a trusted proxy (PARLEY_TRUST_PROXY)', () => {
  it('the address the proxy names counts: each client has its own pair count', async () => {
    for (let i = 0; i <= tries; i++)
      expect((await login(proxied, `wrong-${i}`, { forwardedFor: `198.51.100.${i}` })).status).toBe(401);
    const same: number[] = [];
    for (let i = 0; i <= tries; i++)
      same.push((await login(proxied, `w-${i}`, { forwardedFor: '203.0.113.5' })).status);
    expect(same).toEqual([...Array<number>(tries).fill(401), 429]);
    expect((await login(proxied, proxied.admin.password, { forwardedFor: '203.0.113.6' })).status).toBe(200);
  });

  it('a client that is not the trusted proxy cannot name an address', async () => {
    for (let i = 0; i < tries; i++)
      await login(proxied, `x-${i}`, { from: '127.0.0.7', forwardedFor: `192.0.2.${i}` });
    expect((await login(proxied, 'x', { from: '127.0.0.7', forwardedFor: '192.0.2.99' })).status).toBe(429);
  });
});
