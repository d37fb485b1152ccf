// The store's one promise, as a fast-check property: for any server history and any delivery
// schedule (duplicates, reordering, losses, replays, disconnects, held answers, offline sends,
// reloads, transfers, expired cursors, the agent's channels and teams changing under it), once the
// schedule quiesces the store shows exactly the server's state. Run by convergence.property.test.ts
// and convergence-paged.property.test.ts, two files so that vitest runs them side by side.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { expect } from 'vitest';
import { immediateScheduler } from '../src/clock.ts';
import { memoryOutboxStorage, type OutboxStorage } from '../src/outbox-storage.ts';
import type { Message } from '../src/protocol.ts';
import { createSyncStore, type SyncStore } from '../src/store.ts';
import type { ThreadHandle } from '../src/threads.ts';
import type { ListQuery } from '../src/views.ts';
import { type ExpectedItem, expectedView, type Reader } from './expected-view.ts';
import { FakeTransport, settle } from './fake-transport.ts';
import { ME, ModelServer, MY_CHANNEL, OTHER_CHANNEL, TENANT } from './model-server.ts';
import { ManualFrames, VirtualClock } from './virtual-clock.ts';

const conv = fc.nat(5);
const who = fc.constantFrom<string | null>(ME, 'bob', null);
const step = fc.oneof(
  // the server's own history
  {
    arbitrary: fc.record({ k: fc.constant('create' as const), mine: fc.boolean(), toMe: fc.boolean() }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ k: fc.constant('inbound' as const), conv, conversationFirst: fc.boolean() }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      k: fc.constant('msgStatus' as const),
      msg: fc.nat(20),
      status: fc.constantFrom('sent', 'delivered', 'read'),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      k: fc.constant('patch' as const),
      conv,
      patch: fc.constantFrom<Record<string, unknown>>(
        { labels: ['vip'] },
        { labels: [] },
        { status: 'resolved' },
        { status: 'open', snoozedUntil: null },
        { contact: { name: 'Renamed' } },
        { lastMessagePreview: null },
        { teamId: 'sales' },
        { teamId: null },
      ),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ k: fc.constant('assign' as const), conv, to: who }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('note' as const), conv }), weight: 1 },
  { arbitrary: fc.constant({ k: 'expire' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      k: fc.constant('sight' as const),
      channels: fc.subarray([MY_CHANNEL, OTHER_CHANNEL]),
      teams: fc.option(fc.subarray(['sales']), { nil: undefined }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      k: fc.constant('agent' as const),
      agentId: fc.constantFrom(ME, 'bob'),
      data: fc.constantFrom<Record<string, unknown>>({ name: 'Renamed' }, { availability: 'away' }),
    }),
    weight: 1,
  },
  // the network
  {
    arbitrary: fc.record({ k: fc.constant('deliver' as const), n: fc.integer({ min: 1, max: 4 }) }),
    weight: 6,
  },
  { arbitrary: fc.record({ k: fc.constant('replay' as const), at: fc.nat(60) }), weight: 2 },
  { arbitrary: fc.constant({ k: 'swap' as const }), weight: 2 },
  { arbitrary: fc.constant({ k: 'lose' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'disconnect' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'connect' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'offline' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'online' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'hold' as const }), weight: 1 },
  {
    arbitrary: fc.record({ k: fc.constant('release' as const), n: fc.integer({ min: 1, max: 3 }) }),
    weight: 2,
  },
  { arbitrary: fc.constant({ k: 'time' as const }), weight: 2 },
  { arbitrary: fc.constant({ k: 'wake' as const }), weight: 1 },
  // the agent
  { arbitrary: fc.record({ k: fc.constant('send' as const), conv, reject: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('assignOp' as const), conv, to: who }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('labelsOp' as const), conv }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('open' as const), conv }), weight: 2 },
  { arbitrary: fc.constant({ k: 'reload' as const }), weight: 1 },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The lists a dashboard keeps open, from boot on, so live changes move rows in and out of them. */
const LISTS: readonly ListQuery[] = [
  { view: 'all' },
  { view: 'mine' },
  { view: 'team' },
  { view: 'unassigned' },
  { view: 'all', label: 'vip' },
  { view: 'mine', status: 'open' },
];

/** The reader's sight when the model server starts (its own channel, no team). */
const FIRST_SIGHT: Reader = { agentId: ME, channelIds: [MY_CHANNEL], teamIds: [] };

export interface WorldOptions {
  pageSize: number;
  /** Frames that run only at quiesce (lists recomputed late) instead of at once. */
  lazyFrames: boolean;
}

class World {
  readonly server = new ModelServer();
  readonly frames = new ManualFrames();
  constructor(private readonly opts: WorldOptions) {}
  readonly storage: OutboxStorage = memoryOutboxStorage();
  clock = new VirtualClock();
  net!: FakeTransport;
  store!: SyncStore;
  threads = new Map<string, ThreadHandle>();
  private ids = 0;

  async boot(): Promise<void> {
    this.clock = new VirtualClock();
    this.net = new FakeTransport(this.server);
    this.store = createSyncStore({
      transport: this.net,
      me: { agentId: ME, teamIds: this.server.myTeams },
      tenantId: TENANT,
      clock: this.clock,
      scheduler: this.opts.lazyFrames ? this.frames : immediateScheduler,
      storage: this.storage,
      pageSize: this.opts.pageSize,
      gapGraceMs: 100,
      retryMs: 1_000,
      pollMs: 2_000,
      reconcileMs: 10_000,
      newClientId: () => `cid-${++this.ids}`,
      onError: () => {},
    });
    const opened = [...this.threads.keys()];
    this.threads.clear();
    void this.store.start();
    for (const q of LISTS) this.store.list(q);
    this.net.connectSocket();
    for (const id of opened) this.threads.set(id, this.store.thread(id));
    await settle(2);
  }

  convId(i: number): string {
    const ids = [...this.server.conversations.keys()];
    return ids.length === 0 ? 'conv-none' : ids[i % ids.length]!;
  }

  async run(s: Step): Promise<void> {
    const { server, net, store } = this;
    switch (s.k) {
      case 'create':
        server.createConversation(s.mine ? MY_CHANNEL : OTHER_CHANNEL, s.toMe ? ME : null);
        break;
      case 'inbound':
        if (!server.conversations.size) break;
        if (s.conversationFirst) server.inboundConversationFirst(this.convId(s.conv), 'hey');
        else server.inbound(this.convId(s.conv), 'hi');
        break;
      case 'msgStatus': {
        const m = [...server.messages.values()][s.msg % Math.max(1, server.messages.size)];
        if (m) server.messageStatus(m.id, s.status as Message['status']);
        break;
      }
      case 'patch':
        server.patchConversation(this.convId(s.conv), s.patch);
        break;
      case 'assign':
        server.patchConversation(this.convId(s.conv), { assigneeId: s.to });
        break;
      case 'note':
        if (server.conversations.size) server.note(this.convId(s.conv), 'psst');
        break;
      case 'expire':
        server.expireCursors();
        break;
      case 'sight':
        server.changeMySight(
          s.teams === undefined ? { channelIds: s.channels } : { channelIds: s.channels, teamIds: s.teams },
        );
        break;
      case 'agent':
        // Only another agent's sight may change without the model server's knowing.
        server.agentUpdated(s.agentId, s.agentId === ME ? s.data : { ...s.data, teamIds: ['sales'] });
        break;
      case 'deliver':
        net.deliver(s.n);
        break;
      case 'replay': {
        const e = server.log[s.at % Math.max(1, server.log.length)];
        if (e) net.push(structuredClone(e));
        break;
      }
      case 'swap':
        if (net.inbox.length >= 2) [net.inbox[0], net.inbox[1]] = [net.inbox[1]!, net.inbox[0]!];
        break;
      case 'lose':
        net.inbox.shift();
        break;
      case 'disconnect':
        if (net.socketUp) net.disconnectSocket();
        break;
      case 'connect':
        if (!net.socketUp) net.connectSocket();
        break;
      case 'offline':
        net.online = false;
        break;
      case 'online':
        net.online = true;
        break;
      case 'hold':
        net.holdHttp = true;
        break;
      case 'release':
        net.releaseHttp(s.n);
        break;
      case 'time':
        this.clock.advance(1_100);
        break;
      case 'wake':
        void store.reconcile();
        break;
      case 'send':
        if (server.conversations.size) store.send(this.convId(s.conv), s.reject ? 'REJECT' : 'reply');
        break;
      case 'assignOp':
        void store.assign(this.convId(s.conv), { assigneeId: s.to });
        break;
      case 'labelsOp':
        void store.setLabels(this.convId(s.conv), ['mine']);
        break;
      case 'open': {
        const id = this.convId(s.conv);
        if (server.conversations.size && !this.threads.has(id)) this.threads.set(id, store.thread(id));
        break;
      }
      case 'reload':
        store.stop();
        net.releaseHttp();
        await this.boot();
        break;
    }
    await settle(1);
  }

  /** The network heals and time passes until nothing is left in flight. */
  async quiesce(): Promise<void> {
    const net = this.net;
    net.online = true;
    net.holdHttp = false;
    if (!net.socketUp) net.connectSocket();
    for (let i = 0; i < 6; i++) {
      net.releaseHttp();
      net.deliver();
      this.clock.advance(2_500);
      await settle(3);
    }
    await this.store.reconcile();
    await this.store.whenIdle();
    net.deliver();
    await settle(3);
    // Scroll every list and thread to its end, as a view would.
    for (const q of LISTS) {
      const list = this.store.list(q);
      await this.store.whenIdle();
      for (let i = 0; i < 50 && list.hasMore(); i++) await list.loadMore();
    }
    for (const t of this.threads.values())
      for (let i = 0; i < 50 && t.getSnapshot().hasOlder; i++) await t.loadOlder();
    await this.store.whenIdle();
    this.frames.run();
  }
}

function expectConverged(w: World): void {
  const { server, store } = w;
  same(store.status().cursor, server.seq);
  // The oracle replays what the server committed under the documented rules; the model server's
  // own tables and the store's code play no part in it. Lists are compared in order.
  const want = expectedView(server.history, FIRST_SIGHT);
  for (const query of LISTS)
    same({ query, rows: store.list(query).getSnapshot() }, { query, rows: want.list(query) });
  for (const [id, handle] of w.threads) {
    const snap = handle.getSnapshot();
    if (!want.visible(id)) {
      const where = snap.transferred ?? snap.error;
      if (where === null) expect(where).not.toBeNull();
      continue;
    }
    const shown = snap.items.flatMap((i): ExpectedItem[] =>
      i.itemType === 'note'
        ? [{ itemType: 'note', note: i.note }]
        : i.optimistic
          ? []
          : [{ itemType: 'message', message: i.message }],
    );
    same({ thread: id, items: shown }, { thread: id, items: want.thread(id) });
  }
  // Every send the server accepts exists exactly once; only refused ones are left, marked failed.
  const clientIds = [...server.messages.values()].flatMap((m) => (m.clientId ? [m.clientId] : []));
  same(new Set(clientIds).size, clientIds.length);
  for (const item of store.outbox()) {
    const explained =
      item.state === 'failed' || !server.visible(server.conversations.get(item.conversationId));
    if (!explained) expect(item).toMatchObject({ state: 'failed' });
  }
}

// expect() costs far more than the comparison itself (about a fifth of a run); call it only to
// report a difference, with its diff.
function same<T>(actual: T, expected: T): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

/**
 * Runs of one property: its share of the 10,000 the suite makes in all by default (about 9 s of
 * CPU); SYNC_PROPERTY_RUNS=10 soaks ten times longer.
 */
export const propertyRuns = (share: number): number =>
  Math.max(1, Math.round(share * Number(process.env['SYNC_PROPERTY_RUNS'] ?? 1)));

export function converges(opts: WorldOptions) {
  return fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
    const w = new World(opts);
    w.server.createConversation(MY_CHANNEL);
    await w.boot();
    for (const s of steps) await w.run(s);
    await w.quiesce();
    expectConverged(w);
    w.store.stop();
  });
}
