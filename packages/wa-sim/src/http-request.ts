import http from 'node:http';
import https from 'node:https';

// One thin request function over node:http(s) with a hard deadline, shared by the webhook sender,
// the handshake and the load generator. No fetch: we need keep-alive agents with bounded sockets.

export interface HttpAnswer {
  status: number;
  body: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  agent?: http.Agent;
  /** Skip reading the answer body (the load generator needs only the status). */
  discardBody?: boolean;
}

// Parsing the URL and passing a URL object costs about as much as the request itself at load-test
// rates, so targets are parsed once into plain options.
const targets = new Map<string, { secure: boolean; hostname: string; port: number; path: string }>();

function targetOf(url: string) {
  let target = targets.get(url);
  if (!target) {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    target = {
      secure,
      hostname: u.hostname.replace(/^\[|\]$/g, ''),
      port: Number(u.port) || (secure ? 443 : 80),
      path: u.pathname + u.search,
    };
    if (targets.size > 1000) targets.clear();
    targets.set(url, target);
  }
  return target;
}

export function createAgent(url: string, maxSockets: number): http.Agent {
  const Agent = url.startsWith('https:') ? https.Agent : http.Agent;
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function request(url: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  const target = targetOf(url);
  const transport = target.secure ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(options.body !== undefined && { 'content-length': String(Buffer.byteLength(options.body)) }),
        },
        ...(options.agent && { agent: options.agent }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        if (options.discardBody) res.resume();
        else res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      },
    );
    // A deadline for the whole exchange (not socket idleness), because a receiver that trickles
    // bytes is as dead to Meta as one that never answers.
    const timer = setTimeout(
      () => req.destroy(new Error(`timeout after ${options.timeoutMs} ms`)),
      options.timeoutMs ?? 10_000,
    );
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end(options.body);
  });
}
