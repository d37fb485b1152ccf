// The per-number throughput limit: a burst above it waits its turn instead of being refused by
// Meta (the simulator answers 130429 above its own limit, set here to the same 5 messages/s).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboundHarness, startOutboundHarness } from './outbound-harness.test-support.ts';

const RATE = 5;
let h: OutboundHarness;
beforeAll(async () => {
  h = await startOutboundHarness({
    env: { PARLEY_OUTBOUND_RATE: String(RATE) },
    sim: { rateLimit: RATE, autoStatuses: false },
  });
});
afterAll(async () => {
  await h?.close();
});

describe('per-number rate limit', () => {
  it('smooths a burst of three times the limit so WhatsApp never answers 130429', async () => {
    const convs: string[] = [];
    for (let i = 0; i < 5; i++) convs.push(await h.customerWrites(`1555000420${i}`));
    h.sim.reset();
    const sends = Array.from({ length: RATE * 3 }, (_, i) =>
      h.api('POST', `/api/v1/conversations/${convs[i % convs.length]}/messages`, {
        clientId: randomUUID(),
        kind: 'text',
        body: { body: `burst ${i}` },
      }),
    );
    for (const r of await Promise.all(sends)) expect(r.status).toBe(202);
    await h.waitFor('all sent', async () => h.sim.received().length === RATE * 3, 30_000);
    expect(h.sim.calls().filter((c) => c.errorCode === 130429)).toEqual([]);
    expect(h.sim.received()).toHaveLength(RATE * 3);
  });
});
