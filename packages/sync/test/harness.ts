// Builds a store wired to the model server with hand-driven time, frames and network.
import { immediateScheduler } from '../src/clock.ts';
import type { Lifecycle } from '../src/lifecycle.ts';
import { memoryOutboxStorage, type OutboxStorage } from '../src/outbox-storage.ts';
import type { SyncStats } from '../src/stats.ts';
import { createSyncStore, type SyncStore, type SyncStoreOptions } from '../src/store.ts';
import { FakeTransport, settle } from './fake-transport.ts';
import { ME, ModelServer, TENANT } from './model-server.ts';
import { VirtualClock } from './virtual-clock.ts';

export interface Rig {
  server: ModelServer;
  net: FakeTransport;
  clock: VirtualClock;
  store: SyncStore;
  storage: OutboxStorage;
  errors: unknown[];
  statsSeen: SyncStats[];
  wake: () => void;
}

export function rig(
  opts: Partial<SyncStoreOptions> & { server?: ModelServer; storage?: OutboxStorage } = {},
): Rig {
  const server = opts.server ?? new ModelServer();
  const net = new FakeTransport(server);
  const clock = new VirtualClock();
  const storage = opts.storage ?? memoryOutboxStorage();
  const errors: unknown[] = [];
  const statsSeen: SyncStats[] = [];
  let wakeCb: (() => void) | null = null;
  const lifecycle: Lifecycle = {
    onWake: (cb) => {
      wakeCb = () => cb('visible');
      return () => {
        wakeCb = null;
      };
    },
  };
  let n = 0;
  const store = createSyncStore({
    transport: net,
    me: { agentId: ME },
    tenantId: TENANT,
    clock,
    scheduler: immediateScheduler,
    lifecycle,
    storage,
    newClientId: () => `cid-${++n}`,
    onError: (e) => errors.push(e),
    onStats: (s) => statsSeen.push(s),
    ...opts,
  });
  return { server, net, clock, store, storage, errors, statsSeen, wake: () => wakeCb?.() };
}

/** Starts the store with the socket up, and waits for the first snapshot. */
export async function started(r: Rig): Promise<Rig> {
  const p = r.store.start();
  r.net.connectSocket();
  await p;
  await settle();
  return r;
}

export { settle };
