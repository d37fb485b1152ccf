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
}

export function createAgent(url: string, maxSockets: number): http.Agent {
  const Agent = url.startsWith('https:') ? https.Agent : http.Agent;
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function request(url: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(options.body !== undefined && { 'content-length': String(Buffer.byteLength(options.body)) }),
        },
        ...(options.agent && { agent: options.agent }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
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
