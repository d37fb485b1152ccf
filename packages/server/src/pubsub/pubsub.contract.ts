// One contract suite for every PubSub adapter (in-process, PostgreSQL LISTEN/NOTIFY, Redis).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PubSub } from './port.ts';

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for a message');
    await new Promise((r) => setTimeout(r, 10));
  }
};

export function pubsubContract(
  adapter: string,
  open: () => Promise<{ a: PubSub; b: PubSub; teardown?: () => Promise<void> }>,
): void {
  describe(`PubSub contract: ${adapter}`, () => {
    let a: PubSub;
    let b: PubSub;
    let teardown: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ a, b, teardown } = await open());
    });
    afterAll(async () => {
      await a?.close();
      if (b !== a) await b?.close();
      await teardown?.();
    });

    it('delivers a message published on one handle to a subscriber on another', async () => {
      const got: string[] = [];
      await b.subscribe('ch_one', (m) => got.push(m));
      await a.publish('ch_one', 'hello');
      await waitFor(() => got.length === 1);
      expect(got).toEqual(['hello']);
    });

    it('keeps channels apart', async () => {
      const got: string[] = [];
      await b.subscribe('ch_two', (m) => got.push(m));
      await a.publish('ch_other', 'not for you');
      await a.publish('ch_two', 'for you');
      await waitFor(() => got.length >= 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual(['for you']);
    });

    it('stops delivering after unsubscribe', async () => {
      const got: string[] = [];
      const un = await b.subscribe('ch_three', (m) => got.push(m));
      await a.publish('ch_three', '1');
      await waitFor(() => got.length === 1);
      await un();
      await a.publish('ch_three', '2');
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual(['1']);
    });
  });
}
