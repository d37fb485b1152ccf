// A proxy between Parley and the simulator that can misbehave on cue, for the failures the
// simulator does not stage by itself: a 5xx or 429 answer, an answer lost after Meta accepted the
// message, a request held open (to kill the caller mid-send).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Answer this instead of forwarding. */
  | { answer: { status: number; body: unknown } }
  /** Forward (the simulator accepts), then drop the connection: the answer is lost. */
  | { dropAnswer: true }
  /** Forward, then keep the caller waiting until `release` resolves, then drop. */
  | { hold: Promise<void> };

export interface GraphProxy {
  url: string;
  target: string;
  /** Faults for the next POSTs to /{phone}/messages, one each, in order. */
  fail(...faults: Fault[]): void;
  /** Faults for the next GETs of a media object (GET /{version}/{media-id}), one each. */
  failMediaInfo(...faults: Fault[]): void;
  /** Every request seen: path, and what was done with it. */
  readonly seen: { path: string; fault: string | null }[];
  /** Resolves when a request with a fault of kind `hold` has been forwarded. */
  held(): Promise<void>;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

export async function startGraphProxy(): Promise<GraphProxy> {
  const faults: Fault[] = [];
  const mediaFaults: Fault[] = [];
  const seen: GraphProxy['seen'] = [];
  let onHeld: (() => void) | null = null;
  let heldPromise = new Promise<void>((r) => (onHeld = r));

  const forward = async (req: IncomingMessage, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const h of ['authorization', 'content-type']) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    return fetch(proxy.target + (req.url ?? '/'), {
      method: req.method ?? 'GET',
      headers,
      ...(body.length > 0 && { body: new Uint8Array(body) }),
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const isMediaInfo = req.method === 'GET' && /^\/v\d+\.\d+\/\d+$/.test(path);
    const fault =
      req.method === 'POST' && path.endsWith('/messages')
        ? faults.shift()
        : isMediaInfo
          ? mediaFaults.shift()
          : undefined;
    seen.push({ path, fault: fault ? Object.keys(fault)[0]! : null });
    if (fault && 'answer' in fault) {
      res.writeHead(fault.answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fault.answer.body));
      return;
    }
    const upstream = await forward(req, body);
    const bytes = Buffer.from(await upstream.arrayBuffer());
    if (fault && 'dropAnswer' in fault) {
      res.socket?.destroy();
      return;
    }
    if (fault && 'hold' in fault) {
      onHeld?.();
      heldPromise = new Promise<void>((r) => (onHeld = r));
      await fault.hold;
      res.socket?.destroy();
      return;
    }
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    res.end(bytes);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502).end(String(err));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const proxy: GraphProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    target: '',
    fail: (...f) => faults.push(...f),
    failMediaInfo: (...f) => mediaFaults.push(...f),
    seen,
    held: () => heldPromise,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return proxy;
}
