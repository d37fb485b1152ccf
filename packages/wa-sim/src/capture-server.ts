import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A webhook receiver that records what it gets and answers as told: the stand-in for Parley in the
// simulator's own tests, and handy for anyone testing code that posts webhooks.

export interface CapturedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Decide the answer for the n-th request (0-based): a status, or 'hang' to never answer. */
export type Responder = (req: CapturedRequest, index: number) => number | 'hang';

export interface CaptureServer {
  url: string;
  requests: CapturedRequest[];
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCaptureServer(respond: Responder = () => 200): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.push(captured) - 1;
      for (const w of waiters.filter((w) => requests.length >= w.count)) w.resolve();
      const answer = respond(captured, index);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'EVENT_RECEIVED' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    requests,
    waitFor(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
