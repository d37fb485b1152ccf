// POST /webhooks/whatsapp[/:channelId]: verify, append durably, answer. Nothing else happens on
// this path, so the ack stays within milliseconds. GET answers Meta's verify handshake.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/registry.ts';
import { type AdmitDeps, admitPayload } from './admit-payload.ts';
import type { ChannelRoute } from './channel-directory.ts';
import { verifySignature } from './verify-signature.ts';

export interface GatewayOptions extends AdmitDeps {
  appSecret: string;
  verifyToken: string;
  maxBytes: number;
  metrics: Metrics;
  log: Logger;
}

export const WEBHOOK_PATH = '/webhooks/whatsapp';

const send = (res: ServerResponse, status: number, body: string, type = 'text/plain') => {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const sendError = (res: ServerResponse, status: number, code: string, message: string) =>
  send(res, status, JSON.stringify({ error: { code, message } }), 'application/json');

class TooLarge extends Error {
  constructor(readonly cut = false) {
    super('body too large');
  }
}

// A client still uploading when the 413 goes out and the connection closes sees a broken pipe, not
// the status; so an oversized body is read to its end and dropped before the answer. Past this much
// it is not a webhook retrying but someone streaming at us: the connection is cut.
const DRAIN_LIMIT = 64 << 20;

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length'] ?? 0) > max;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      if (!over) chunks.push(c);
      else if (size > DRAIN_LIMIT) req.destroy(new TooLarge(true));
    });
    req.on('end', () => (over ? reject(new TooLarge()) : resolve(Buffer.concat(chunks, size))));
    req.on('error', reject);
  });
}

export function createGateway(opts: GatewayOptions) {
  const { metrics, log } = opts;

  const channelFor = async (path: string): Promise<ChannelRoute | null | 'missing'> => {
    const id = path.slice(WEBHOOK_PATH.length + 1);
    return (await opts.channels.byChannelId(id)) ?? 'missing';
  };
  const isAppPath = (path: string) => path === WEBHOOK_PATH || path === `${WEBHOOK_PATH}/`;

  const handshake = async (url: URL, res: ServerResponse, channel: ChannelRoute | null) => {
    const expected = channel ? channel.verifyToken : opts.verifyToken;
    const mode = url.searchParams.get('hub.mode');
    const token = url.searchParams.get('hub.verify_token');
    const challenge = url.searchParams.get('hub.challenge') ?? '';
    if (mode === 'subscribe' && expected && token === expected) return send(res, 200, challenge);
    log.warn({ mode, channel: channel?.channelId ?? null }, 'webhook: verify handshake refused');
    return sendError(
      res,
      403,
      'verify_token_mismatch',
      'hub.verify_token does not match this webhook’s verify token',
    );
  };

  const receive = async (
    req: IncomingMessage,
    res: ServerResponse,
    channel: ChannelRoute | null,
    t0: bigint,
  ) => {
    const done = (outcome: string) => {
      metrics.webhookRequests.inc({ outcome });
      metrics.webhookAckSeconds.observe({ outcome }, Number(process.hrtime.bigint() - t0) / 1e9);
    };
    let raw: Buffer;
    try {
      raw = await readBody(req, opts.maxBytes);
    } catch (err) {
      if (err instanceof TooLarge) {
        if (err.cut) return done('too_large');
        sendError(
          res,
          413,
          'payload_too_large',
          `the body is larger than ${opts.maxBytes} bytes (PARLEY_WEBHOOK_MAX_BYTES)`,
        );
        return done('too_large');
      }
      throw err;
    }
    const secret = channel ? channel.appSecret : opts.appSecret;
    if (!secret || !verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, secret)) {
      sendError(res, 401, 'bad_signature', 'X-Hub-Signature-256 is missing or does not match the app secret');
      return done('bad_signature');
    }
    try {
      const admission = await admitPayload(opts, raw.toString('utf8'), channel);
      if (admission.outcome === 'quarantined') metrics.quarantined.inc({ reason: admission.reason });
      else if (admission.unknown.length > 0) metrics.quarantined.inc({ reason: 'unknown_number' });
      send(res, 200, 'EVENT_RECEIVED');
      return done(admission.outcome);
    } catch (err) {
      // Not durable, so not acked: Meta retries a 503.
      log.error({ err: (err as Error).message }, 'webhook: could not append to the queue');
      sendError(res, 503, 'queue_unavailable', 'the queue is unreachable; the delivery will be retried');
      return done('unavailable');
    }
  };

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const t0 = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      // The app-level URL (nearly every delivery) needs no lookup, so no await before reading.
      const channel = isAppPath(url.pathname) ? null : await channelFor(url.pathname);
      if (channel === 'missing') {
        req.resume();
        return sendError(
          res,
          404,
          'unknown_channel',
          'no channel has this id; copy the webhook URL from the channel settings',
        );
      }
      if (req.method === 'GET') return await handshake(url, res, channel);
      if (req.method === 'POST') return await receive(req, res, channel, t0);
      res.setHeader('allow', 'GET, POST');
      return sendError(res, 405, 'method_not_allowed', 'use GET (verify handshake) or POST (events)');
    } catch (err) {
      log.error({ err: (err as Error).message }, 'webhook: unexpected failure');
      if (!res.headersSent)
        sendError(res, 503, 'unavailable', 'temporarily unavailable; the delivery will be retried');
    }
  };
}
