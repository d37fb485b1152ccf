import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList, refusedAddress } from './address-policy.ts';

const parseOne = (e: string) => parseAllowList([e])[0]!;

import { createGuardedFetch, GuardedFetchError, refusedUrl } from './guarded-fetch.ts';

let server: Server;
let port: number;
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/redirect') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
      return;
    }
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const refusal = async (f: ReturnType<typeof createGuardedFetch>, url: string) => {
  try {
    await f(url, { timeoutMs: 3000 });
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(GuardedFetchError);
    return (err as Error).message;
  }
};

describe('the address policy', () => {
  it('refuses loopback, private, link-local, metadata and embedded-IPv4 forms; allows public unicast', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      'fd00:ec2::254',
      'fe80::1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      '224.0.0.1',
    ])
      expect(refusedAddress(a), a).not.toBeNull();
    for (const a of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])
      expect(refusedAddress(a), a).toBeNull();
    expect(refusedAddress('127.0.0.1', [[...parseOne('127.0.0.0/8')]])).toBeNull();
  });

  it('reads every notation of loopback in a URL', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://localhost:8080/',
      'http://LOCALHOST./',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://169.254.169.254/latest/meta-data/',
    ])
      expect(refusedUrl(url), url).not.toBeNull();
    expect(refusedUrl('ftp://example.com/')).toMatch(/http/);
    expect(refusedUrl('https://user:pw@example.com/')).toMatch(/password/);
    expect(refusedUrl('https://bot.example.com/hook')).toBeNull();
  });
});

describe('the guarded fetch', () => {
  it('refuses the local server in every notation, and the reason names no port', async () => {
    const f = createGuardedFetch();
    for (const host of [
      '127.0.0.1',
      'localhost',
      '2130706433',
      '0x7f.1',
      '[::ffff:127.0.0.1]',
      'localhost.',
    ]) {
      const why = await refusal(f, `http://${host}:${port}/x`);
      expect(why, host).toMatch(/does not call/);
      expect(why, host).not.toContain(String(port));
    }
    expect(hits).toEqual([]);
  });

  it('checks the address when it connects: a name that resolves to loopback then (DNS rebinding) is refused', async () => {
    let lookups = 0;
    const rebinding = (
      _host: string,
      _o: unknown,
      cb: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void,
    ) => {
      lookups++;
      cb(null, [{ address: '127.0.0.1', family: 4 }]);
    };
    const f = createGuardedFetch({ resolve: rebinding });
    expect(await refusal(f, `http://rebind.example:${port}/x`)).toMatch(/loopback/);
    expect(lookups).toBe(1);
    expect(hits).toEqual([]);
  });

  it('with the address allowed, calls it, and does not follow a redirect', async () => {
    const f = createGuardedFetch({ allow: ['127.0.0.1'] });
    const res = await f(`http://127.0.0.1:${port}/redirect`);
    expect(res.status).toBe(302);
    expect(hits).toEqual(['/redirect']);
    expect(await (await f(`http://localhost:${port}/plain`)).text()).toBe('ok');
  });

  it('a refused connection says so without the address or port', async () => {
    const f = createGuardedFetch({ allow: ['127.0.0.1'] });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const freePort = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const why = await refusal(f, `http://127.0.0.1:${freePort}/`);
    expect(why).toBe('could not connect to the URL');
  });
});
