// The few shapes the benchmarks use from packages that ship no types (autocannon, express 5).

declare module 'autocannon' {
  interface RequestSpec {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: RequestSpec) => RequestSpec;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    overallRate?: number;
    timeout?: number;
    requests?: RequestSpec[];
  }
  interface Stats {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    total: number;
  }
  interface Result {
    requests: Stats & { sent: number };
    latency: Stats;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}

declare module 'express' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  namespace express {
    interface Request extends IncomingMessage {
      body: unknown;
    }
    interface Response extends ServerResponse {
      send(body: string): Response;
      sendStatus(code: number): Response;
    }
    type Handler = (req: Request, res: Response, next: () => void) => void | Promise<void>;
    interface App {
      get(path: string, ...handlers: Handler[]): App;
      post(path: string, ...handlers: Handler[]): App;
      listen(port: number, host: string): unknown;
    }
    function json(opts: {
      limit?: string;
      verify?: (req: IncomingMessage, res: ServerResponse, buf: Buffer) => void;
    }): Handler;
  }
  function express(): express.App;
  export default express;
}
