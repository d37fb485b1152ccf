import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from './capture-server.ts';
import { formatLatencyTable } from './latency-table.ts';
import { runLoad } from './load.ts';
import { dueCount, intendedAt } from './load-schedule.ts';
import type { WebhookEnvelope } from './webhook-types.ts';

let server: CaptureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function receiver(respond?: () => number): Promise<CaptureServer> {
  server = await startCaptureServer(respond);
  return server;
}

describe('load schedule', () => {
  it('is due by time, not by answers: open loop', () => {
    const stream = { rate: 1000, startMs: 0, durationMs: 100 };
    expect(dueCount(stream, 0)).toBe(1);
    expect(dueCount(stream, 9.5)).toBe(10);
    expect(dueCount(stream, 5000)).toBe(100);
    expect(intendedAt(stream, 10)).toBe(10);
    expect(dueCount({ rate: 10, startMs: 50, durationMs: 1000 }, 10)).toBe(0);
  });
});

describe('runLoad', () => {
  it('sends signed webhooks spread over tenants and conversations and reports latency', async () => {
    const rx = await receiver();
    const progress: number[] = [];
    const stats = await runLoad({
      webhookUrl: rx.url,
      appSecret: 'load-secret',
      rate: 400,
      durationMs: 250,
      tenants: 3,
      conversations: 30,
      connections: 8,
      progressIntervalMs: 50,
      onProgress: (p) => progress.push(p.sent),
      recordSent: true,
    });
    expect(stats.sent).toBe(100);
    expect(stats.ok).toBe(100);
    expect(stats.errors).toBe(0);
    expect(rx.requests).toHaveLength(100);
    expect(stats.latencyMs.p99).toBeGreaterThan(0);
    expect(stats.latencyMs.max).toBeGreaterThanOrEqual(stats.latencyMs.p50);
    expect(Object.keys(stats.perTenant)).toEqual(['106540352242922', '106540352300001', '106540352300002']);
    expect(progress.length).toBeGreaterThan(0);

    const req = rx.requests[0];
    expect(req?.headers['x-hub-signature-256']).toBe(
      'sha256=' +
        createHmac('sha256', 'load-secret')
          .update(req?.body ?? '')
          .digest('hex'),
    );
    const customers = new Set(
      rx.requests
        .map((r) => (JSON.parse(r.body) as WebhookEnvelope).entry[0]?.changes[0]?.value)
        .map((v) => (v && 'messages' in v ? v.messages?.[0]?.from : '')),
    );
    expect(customers.size).toBe(30);
    expect(stats.sentMessages).toHaveLength(100);
    expect(formatLatencyTable(stats)).toContain('p99');
  });

  it('adds a burst stream for one tenant', async () => {
    const rx = await receiver();
    const stats = await runLoad({
      webhookUrl: rx.url,
      appSecret: 's',
      rate: 100,
      durationMs: 200,
      tenants: ['111', '222'],
      burst: { phoneNumberId: '222', rate: 400 },
    });
    expect(stats.perTenant['111']?.sent).toBe(10);
    expect(stats.perTenant['222']?.sent).toBe(90);
  });

  it('counts non-2xx answers as errors', async () => {
    const rx = await receiver(() => 503);
    const stats = await runLoad({ webhookUrl: rx.url, appSecret: 's', rate: 200, durationMs: 50 });
    expect(stats.sent).toBe(10);
    expect(stats.errors).toBe(stats.sent);
    expect(stats.statusCounts['503']).toBe(stats.sent);
  });
});

describe('runLoad against nobody', () => {
  it('counts refused connections by their error code', async () => {
    const rx = await receiver();
    const url = rx.url;
    await rx.close();
    server = undefined;
    const stats = await runLoad({
      webhookUrl: url,
      appSecret: 's',
      rate: 100,
      durationMs: 50,
      timeoutMs: 2000,
    });
    expect(stats.ok).toBe(0);
    expect(stats.errors).toBe(stats.sent);
    expect(stats.statusCounts['ECONNREFUSED']).toBe(stats.sent);
  });
});
