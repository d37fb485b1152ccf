import type http from 'node:http';
import { DEFAULT_RETRY, type RetryPolicy, retryDelay } from './backoff.ts';
import { appendBounded, DEFAULT_HISTORY_LIMIT } from './bounded-log.ts';
import { type ChaosOptions, planPosts } from './chaos.ts';
import { createAgent, request } from './http-request.ts';
import { type AddressedChange, buildEnvelope } from './payload-builders.ts';
import type { Random } from './rng.ts';
import { signBody } from './sign.ts';
import type { WebhookEnvelope } from './webhook-types.ts';

// Delivers webhook POSTs the way Meta does: signed, at least once, retried with growing back-off on
// a non-2xx answer or no answer in time, with the chaos knobs applied per flush.

export interface DeliveryAttempt {
  at: number;
  status?: number;
  error?: string;
  durationMs: number;
}

export interface DeliveryRecord {
  seq: number;
  body: string;
  signature: string;
  envelope: WebhookEnvelope;
  duplicate: boolean;
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
}

export interface WebhookSenderOptions {
  webhookUrl: string;
  appSecret: string;
  chaos?: ChaosOptions;
  retry?: Partial<RetryPolicy>;
  /** Per attempt; Meta gives up on a receiver after some seconds. */
  timeoutMs?: number;
  /** Events queued within this many ms share one flush (the unit shuffle and batch work on). */
  flushDelayMs?: number;
  maxSockets?: number;
  random?: Random;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Delivery records kept for deliveries(); older ones are dropped. */
  historyLimit?: number;
  /** Told about each POST once it is delivered or given up on (serve mode logs these). */
  onSettled?: (record: DeliveryRecord) => void;
}

export interface WebhookSender {
  /** Queue one event; resolves with the POST that carried it once that POST is settled. */
  send(change: AddressedChange): Promise<DeliveryRecord>;
  /** One POST of these exact bytes, signed, with retries but no chaos (for replaying captured bodies). */
  postRaw(body: string): Promise<DeliveryRecord>;
  deliveries(): readonly DeliveryRecord[];
  /** Resolves when nothing is queued or in flight, duplicates and retries included. */
  idle(): Promise<void>;
  close(): void;
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const random = options.random ?? Math.random;
  // Sleeps are woken on close(), so a stopped simulator does not linger for a minute-long back-off.
  const sleeping = new Map<NodeJS.Timeout, () => void>();
  const realSleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sleeping.delete(timer);
        resolve();
      }, ms);
      sleeping.set(timer, resolve);
    });
  const sleep = options.sleep ?? realSleep;
  let closed = false;
  const now = options.now ?? Date.now;
  const agent: http.Agent = createAgent(options.webhookUrl, options.maxSockets ?? 16);
  const records: DeliveryRecord[] = [];
  let seq = 0;
  const inFlight = new Set<Promise<unknown>>();
  let queue: Array<{ change: AddressedChange; done: (r: DeliveryRecord) => void }> = [];
  let flushTimer: NodeJS.Timeout | undefined;

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }

  function newRecord(body: string, envelope: WebhookEnvelope, duplicate: boolean): DeliveryRecord {
    const record: DeliveryRecord = {
      seq: ++seq,
      body,
      signature: signBody(body, options.appSecret),
      envelope,
      duplicate,
      state: 'pending',
      attempts: [],
    };
    appendBounded(records, record, options.historyLimit ?? DEFAULT_HISTORY_LIMIT);
    return record;
  }

  async function deliver(record: DeliveryRecord, delayMs: number): Promise<DeliveryRecord> {
    if (delayMs > 0) await sleep(delayMs);
    for (let attempt = 1; ; attempt++) {
      const started = now();
      if (closed) return giveUp(record, started, 'sender closed before delivery');
      try {
        const answer = await request(options.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': record.signature,
            'user-agent': 'facebookexternalua',
          },
          body: record.body,
          timeoutMs: options.timeoutMs ?? 10_000,
          agent,
        });
        record.attempts.push({ at: started, status: answer.status, durationMs: now() - started });
        if (answer.status >= 200 && answer.status < 300) return settle(record, 'delivered');
      } catch (error) {
        record.attempts.push({ at: started, error: (error as Error).message, durationMs: now() - started });
      }
      if (attempt >= policy.maxAttempts) return settle(record, 'failed');
      await sleep(retryDelay(attempt, policy, random));
    }
  }

  function settle(record: DeliveryRecord, state: 'delivered' | 'failed'): DeliveryRecord {
    record.state = state;
    options.onSettled?.(record);
    return record;
  }

  function giveUp(record: DeliveryRecord, at: number, error: string): DeliveryRecord {
    record.attempts.push({ at, error, durationMs: 0 });
    return settle(record, 'failed');
  }

  function flush(): void {
    flushTimer = undefined;
    const batch = queue;
    queue = [];
    const plan = planPosts(
      batch.map((b) => b.change),
      options.chaos ?? {},
      random,
    );
    const waiters = new Map(batch.map((b) => [b.change, b.done]));
    const bodies = new Map<AddressedChange[], { body: string; envelope: WebhookEnvelope }>();
    for (const post of plan) {
      let built = bodies.get(post.changes);
      if (!built) {
        const envelope = buildEnvelope(post.changes, now());
        built = { body: JSON.stringify(envelope), envelope };
        bodies.set(post.changes, built);
      }
      const settled = track(deliver(newRecord(built.body, built.envelope, post.duplicate), post.delayMs));
      if (post.duplicate) continue;
      for (const change of post.changes) {
        const done = waiters.get(change);
        if (done) void settled.then(done);
      }
    }
  }

  return {
    send(change) {
      return track(
        new Promise<DeliveryRecord>((done) => {
          queue.push({ change, done });
          if (flushTimer) return;
          flushTimer = setTimeout(flush, options.flushDelayMs ?? 0);
        }),
      );
    },
    postRaw(body) {
      return track(deliver(newRecord(body, JSON.parse(body) as WebhookEnvelope, false), 0));
    },
    deliveries: () => records,
    async idle() {
      while (inFlight.size > 0 || queue.length > 0) await Promise.allSettled([...inFlight]);
    },
    close() {
      closed = true;
      if (flushTimer) clearTimeout(flushTimer);
      // Events still waiting for a flush are settled as failed, so nobody awaits them forever.
      for (const { change, done } of queue) {
        const envelope = buildEnvelope([change], now());
        done(
          giveUp(
            newRecord(JSON.stringify(envelope), envelope, false),
            now(),
            'sender closed before delivery',
          ),
        );
      }
      queue = [];
      for (const [timer, wake] of sleeping) {
        clearTimeout(timer);
        wake();
      }
      sleeping.clear();
      agent.destroy();
    },
  };
}
