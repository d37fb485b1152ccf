import { type CaptureServer, type Responder, startCaptureServer } from './capture-server.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from './simulator.ts';
import type { WebhookEnvelope, WebhookStatus } from './webhook-types.ts';

// Shared set-up for tests that run a whole simulator against a capture server.

export interface Harness {
  sim: Simulator;
  receiver: CaptureServer;
  graph(
    path: string,
    init?: RequestInit & { token?: string | null },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  statuses(): WebhookStatus[];
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<SimulatorOptions> = {},
  respond?: Responder,
): Promise<Harness> {
  const receiver = await startCaptureServer(respond);
  const sim = createSimulator({
    webhookUrl: receiver.url,
    appSecret: 'test-secret',
    verifyToken: 'test-verify',
    statusTiming: { sentAfterMs: 0, deliveredAfterMs: 0, readAfterMs: 0, readRate: 1 },
    retry: { baseMs: 1 },
    ...options,
  });
  await sim.start();
  return {
    sim,
    receiver,
    async graph(path, init = {}) {
      const { token = 'sim-token', ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== null) headers.set('authorization', `Bearer ${token}`);
      if (typeof rest.body === 'string') headers.set('content-type', 'application/json');
      const res = await fetch(sim.url + path, { ...rest, headers });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    statuses() {
      return receiver.requests.flatMap((r) =>
        (JSON.parse(r.body) as WebhookEnvelope).entry.flatMap((e) =>
          e.changes.flatMap((c) => (c.field === 'messages' ? (c.value.statuses ?? []) : [])),
        ),
      );
    },
    async close() {
      await sim.stop();
      await receiver.close();
    },
  };
}
