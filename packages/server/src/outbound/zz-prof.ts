import { randomUUID } from 'node:crypto';
import { startOutboundHarness } from '/work/main/packages/server/src/outbound/outbound-harness.test-support.ts';
const h = await startOutboundHarness({ sim: { autoStatuses: false, window: 'off' } });
const convs: string[] = [];
for (let i = 0; i < 10; i++) convs.push(await h.customerWrites(`155500077${String(i).padStart(2, '0')}`));
const t0 = Date.now();
const N = 200;
let next = 0;
const lat: number[] = [];
await Promise.all(Array.from({ length: 8 }, async () => {
  while (next < N) {
    const c = convs[next++ % convs.length]!;
    const t = performance.now();
    await h.api('POST', `/api/v1/conversations/${c}/messages`, { clientId: randomUUID(), kind: 'text', body: { body: 'x' } });
    lat.push(performance.now() - t);
  }
}));
const tApi = Date.now() - t0;
while (h.sim.received().length < N) await new Promise((r) => setTimeout(r, 20));
console.log('api done in', tApi, 'ms; all sent in', Date.now() - t0, 'ms', 'p50', lat.sort((a,b)=>a-b)[N/2]);
await h.close();
process.exit(0);
