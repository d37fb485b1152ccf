// Baseline (b): the pattern of the inboxes before us. Express parses the JSON, the signature is
// checked over the raw body, and BullMQ's queue.add stores one job per request before the 200.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Queue } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';

const secret = process.env.WHATSAPP_APP_SECRET ?? '';
const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: null,
});
const queue = new Queue('webhooks', { connection, prefix: process.env.BENCH_PREFIX ?? 'bench-bull' });

type WithRaw = express.Request & { rawBody?: Buffer };

const app = express();
app.get('/healthz', (_req, res) => {
  res.send('ok');
});
app.post(
  '/webhooks/whatsapp',
  express.json({
    limit: '4mb',
    verify: (req, _res, buf) => {
      (req as WithRaw).rawBody = buf;
    },
  }),
  async (req, res) => {
    const given = Buffer.from(
      String(req.headers['x-hub-signature-256'] ?? '').replace(/^sha256=/, ''),
      'hex',
    );
    const expected = createHmac('sha256', secret)
      .update((req as WithRaw).rawBody ?? '')
      .digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.sendStatus(401);
      return;
    }
    await queue.add('webhook', req.body);
    res.sendStatus(200);
  },
);
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
