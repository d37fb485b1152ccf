// One contract suite for every PubSub adapter (in-process, PostgreSQL LISTEN/NOTIFY, Redis).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PubSub } from './port.ts';

// Generous: a busy machine may take seconds to deliver; a lost message still fails.
const DELIVERY = { timeout: 30_000, interval: 10 };

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
      await vi.waitFor(() => expect(got).toEqual(['hello']), DELIVERY);
    });

    it('keeps channels apart', async () => {
      const got: string[] = [];
      await b.subscribe('ch_two', (m) => got.push(m));
      await a.publish('ch_other', 'not for you');
      await a.publish('ch_two', 'for you');
      await vi.waitFor(() => expect(got.length).toBeGreaterThanOrEqual(1), DELIVERY);
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual(['for you']);
    });

    it('stops delivering after unsubscribe', async () => {
      const got: string[] = [];
      const un = await b.subscribe('ch_three', (m) => got.push(m));
      await a.publish('ch_three', '1');
      await vi.waitFor(() => expect(got).toEqual(['1']), DELIVERY);
      await un();
      await a.publish('ch_three', '2');
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual(['1']);
    });
  });
}
