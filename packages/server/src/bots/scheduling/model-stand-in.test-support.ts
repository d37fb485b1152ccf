// A local HTTP server standing in for a model provider (as the simulator stands in for Meta): no
// model can be reached from tests, and tests must not need one. Each request's JSON body and
// headers go to the suite's handler, which answers in the provider's wire format.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { ModelUnderstanderOptions } from './model-understander.ts';
import type { Understander } from './understander.ts';

export interface StandInRequest {
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** Starts the stand-in for the calling suite; `origin()` is its http://127.0.0.1:port. */
export function useModelStandIn(handle: (req: StandInRequest, res: ServerResponse) => void) {
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => {
        raw += c.toString();
      });
      req.on('end', () => handle({ url: req.url, headers: req.headers, body: JSON.parse(raw) }, res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.close();
  });
  return { origin: () => origin };
}

/** A reader made against the stand-in, with the reasons it fell back to the deterministic one. */
export function readerAgainst(
  create: (opts: ModelUnderstanderOptions) => Understander,
  opts: Omit<ModelUnderstanderOptions, 'onFallback'>,
) {
  const fallbacks: string[] = [];
  const u = create({ ...opts, onFallback: (r) => fallbacks.push(r) });
  return { u, fallbacks };
}
