// The real adapter on the wire: a real Socket.IO server at path /realtime and a plain HTTP API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as IoServer } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../src/socket-io-transport.ts';
import { NetworkError } from '../src/transport.ts';

let http: Server | null = null;
let ioServer: IoServer | null = null;
afterEach(async () => {
  ioServer?.close();
  await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
  http = null;
  ioServer = null;
});

async function listen(): Promise<string> {
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.writeHead(req.url === '/api/v1/missing' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          req.url === '/api/v1/missing'
            ? { error: { code: 'not_found', message: 'no' } }
            : { method: req.method, auth: req.headers.authorization, body: body ? JSON.parse(body) : null },
        ),
      );
    });
  });
  ioServer = new IoServer(http, { path: '/realtime' });
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

describe('createHttpTransport', () => {
  it('sends JSON with the bearer token and returns any status with its body', async () => {
    const t = createHttpTransport({ baseUrl: await listen(), token: 'tok' });
    expect(await t.request('POST', '/api/v1/x', { a: 1 })).toEqual({
      status: 200,
      body: { method: 'POST', auth: 'Bearer tok', body: { a: 1 } },
    });
    expect(await t.request('GET', '/api/v1/missing')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'no' } },
    });
  });

  it('turns an unreachable server into a NetworkError', async () => {
    const t = createHttpTransport({ baseUrl: 'http://127.0.0.1:9' });
    await expect(t.request('GET', '/api/v1/sync?cursor=0')).rejects.toBeInstanceOf(NetworkError);
  });

  it('receives events and signals over Socket.IO at /realtime with auth.token, and emits subscribe', async () => {
    const url = await listen();
    const got: { auth?: unknown; subscribed?: unknown } = {};
    ioServer!.on('connection', (s) => {
      got.auth = s.handshake.auth;
      s.on('subscribe', (p: unknown) => {
        got.subscribed = p;
        s.emit('event', { tenantId: 't', seq: 1, type: 'hidden' });
        s.emit('signal', { tenantId: 't', type: 'presence', data: { agentId: 'a', online: true } });
      });
    });
    const t = createHttpTransport({ baseUrl: url, token: 'tok', socket: { transports: ['websocket'] } });
    const events: unknown[] = [];
    const signals: unknown[] = [];
    const conn = await new Promise<ReturnType<typeof t.connect>>((resolve) => {
      const c = t.connect({
        onEvent: (p) => events.push(p),
        onSignal: (p) => signals.push(p),
        onConnect: () => resolve(c),
        onDisconnect: () => {},
        onConnectError: () => {},
      });
    });
    conn.emit('subscribe', { conversationId: 'c1' });
    for (let i = 0; i < 100 && signals.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    conn.close();
    expect(got).toEqual({ auth: { token: 'tok' }, subscribed: { conversationId: 'c1' } });
    expect(events).toEqual([{ tenantId: 't', seq: 1, type: 'hidden' }]);
    expect(signals).toHaveLength(1);
  });
});
