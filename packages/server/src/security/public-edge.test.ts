// The public port as an attacker meets it: slow clients, too many connections, framing and
// sniffing, a forged Host header, and sockets opened from another site's page.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicServer } from '../api/public-port.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: { PARLEY_HEADERS_TIMEOUT_MS: '400', PARLEY_REQUEST_TIMEOUT_MS: '800' },
  });
});
afterAll(async () => {
  await server?.stop();
});

const portOf = (base: string) => Number(new URL(base).port);

/** Sends `head`, then the body one byte every `everyMs`; resolves with the bytes sent when the server hangs up. */
function slowClient(port: number, head: string, bodyBytes: number, everyMs: number) {
  return new Promise<{ sentBodyBytes: number; answer: string }>((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let sent = 0;
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < bodyBytes && socket.writable) {
          socket.write('x');
          sent++;
        }
      }, everyMs);
    });
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ sentBodyBytes: sent, answer });
    });
  });
}

describe('slow and numerous clients', () => {
  it('a webhook body sent a byte at a time loses its connection (request timeout), it does not hold it', async () => {
    const bodyBytes = 200;
    const got = await slowClient(
      portOf(server.baseUrl),
      `POST /webhooks/whatsapp HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${bodyBytes}\r\n\r\n`,
      bodyBytes,
      100,
    );
    // Sending the whole body would take 20 s; the server hangs up long before.
    expect(got.sentBodyBytes).toBeLessThan(bodyBytes);
    expect(got.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('headers sent a byte at a time lose the connection (headers timeout)', async () => {
    const got = await slowClient(portOf(server.baseUrl), 'GET /healthz HTTP/1.1\r\nX-Slow: ', 400, 50);
    expect(got.sentBodyBytes).toBeLessThan(400);
    expect(got.answer).not.toMatch(/200 OK/);
  });

  it('past the connection cap, new connections are closed at once', async () => {
    const http = createPublicServer(
      {
        PARLEY_HEADERS_TIMEOUT_MS: 5000,
        PARLEY_REQUEST_TIMEOUT_MS: 5000,
        PARLEY_KEEP_ALIVE_TIMEOUT_MS: 5000,
        PARLEY_MAX_CONNECTIONS: 2,
      },
      (_req, res) => res.end('ok'),
    );
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const port = (http.address() as { port: number }).port;
    const open = async () => {
      const s = connect(port, '127.0.0.1');
      await new Promise((r) => s.on('connect', r));
      return s;
    };
    const held = [await open(), await open()];
    const third = await open();
    const closed = await new Promise<boolean>((resolve) => {
      third.on('close', () => resolve(true));
      third.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      third.on('data', () => resolve(false));
    });
    expect(closed).toBe(true);
    for (const s of held) s.destroy();
    await new Promise((r) => http.close(r));
  });
});

describe('browser-facing headers', () => {
  it('the dashboard and the API send a CSP that forbids framing, no-referrer, and no HSTS over plain http', async () => {
    for (const path of ['/', '/api/v1/me', '/healthz']) {
      const res = await fetch(`${server.baseUrl}${path}`, { headers: { 'x-forwarded-proto': 'https' } });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/script-src 'self'/);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      // No proxy is trusted, so the forged x-forwarded-proto does not make this TLS.
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('a forged Host header never reaches a webhook URL', async () => {
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.admin.email, password: server.admin.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${server.baseUrl}/api/v1/channels`,
        { headers: { host: 'evil.example', cookie } },
        (r) => {
          let text = '';
          r.on('data', (d) => {
            text += d;
          });
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`http://localhost:${portOf(server.baseUrl)}/webhooks/whatsapp/`);
    expect(res.text).not.toContain('evil.example');
  });
});

describe('the socket handshake', () => {
  const handshake = (origin: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.baseUrl}/realtime/?EIO=4&transport=polling`,
        { headers: { origin } },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });

  it("refuses a page of another site, accepts the dashboard's own origin", async () => {
    expect(await handshake('https://evil.example')).toBe(403);
    expect(await handshake(server.baseUrl)).toBe(200);
  });
});
