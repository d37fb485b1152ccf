// The sync store: one per signed-in agent. It wires the parts (engine, lists, threads, outbox,
// optimistic ops, signals, connection) and is the only API views use. See README.md for the model.
import { type Clock, defaultFrameScheduler, type FrameScheduler, systemClock } from './clock.ts';
import { Connection, type ConnectionState } from './connection.ts';
import { type HttpError, httpError, type StoreContext } from './context.ts';
import { EntityState, keys } from './entity-state.ts';
import type { Lifecycle } from './lifecycle.ts';
import { noLifecycle } from './lifecycle.ts';
import { type ListHandle, ListRegistry } from './lists.ts';
import { mergePatch } from './merge-patch.ts';
import { Notifier } from './notifier.ts';
import { enc, OfflineQueue } from './offline-queue.ts';
import { ConversationOps, type OpError, type OpKind, type OpResult } from './optimistic-ops.ts';
import { memoryOutboxStorage, type OutboxItem, type OutboxStorage } from './outbox-storage.ts';
import {
  type Conversation,
  type ConversationStatus,
  conversationOneSchema,
  conversationWriteResponseSchema,
} from './protocol.ts';
import { changesSightOf, fetchTeamIds, teamIdsOf } from './sight.ts';
import { PRESENCE_KEY, SignalState, typingKey } from './signals.ts';
import { emptyStats, type SyncStats } from './stats.ts';
import { SyncEngine } from './sync-engine.ts';
import { type ThreadHandle, ThreadRegistry } from './threads.ts';
import { NetworkError, type Transport } from './transport.ts';
import type { ListQuery, Me } from './views.ts';

export interface SyncStoreOptions {
  transport: Transport;
  /**
   * The signed-in agent: "mine" and "team" lists are computed against it. An `agent.updated` of this
   * agent that changes its role, teams or channels makes the store re-snapshot (README, Visibility).
   */
  me: { agentId: string; teamIds?: readonly string[] };
  /** Entries and signals of any other tenant are dropped (a wall, even against a server bug). */
  tenantId?: string;
  storage?: OutboxStorage;
  clock?: Clock;
  scheduler?: FrameScheduler;
  lifecycle?: Lifecycle;
  /** The list loaded at start; its cursor is the store's first cursor. Default `{ view: 'all' }`. */
  baseList?: ListQuery;
  pageSize?: number;
  pullLimit?: number;
  reconcileMs?: number;
  pollMs?: number;
  gapGraceMs?: number;
  retryMs?: number;
  newClientId?: () => string;
  onStats?: (stats: SyncStats) => void;
  onError?: (err: unknown) => void;
}

export interface StoreStatus {
  connection: ConnectionState;
  cursor: number | null;
  /** Sends not yet accepted by the server (queued or failed). */
  outbox: number;
}

export interface SyncStore {
  start(): Promise<void>;
  stop(): void;
  list(query: ListQuery): ListHandle;
  thread(conversationId: string): ThreadHandle;
  conversation(id: string): Conversation | undefined;
  subscribeConversation(id: string, fn: () => void): () => void;
  send(conversationId: string, text: string): string;
  retry(clientId: string): boolean;
  discard(clientId: string): boolean;
  outbox(): readonly OutboxItem[];
  assign(
    conversationId: string,
    to: { assigneeId: string | null; teamId?: string | null },
  ): Promise<OpResult>;
  setStatus(
    conversationId: string,
    status: ConversationStatus,
    snoozedUntil?: string | null,
  ): Promise<OpResult>;
  setLabels(conversationId: string, labels: string[]): Promise<OpResult>;
  markRead(conversationId: string): Promise<OpResult>;
  /** Tell others this agent is typing here; throttled, safe to call on every keystroke. */
  typing(conversationId: string): void;
  typingIn(conversationId: string): readonly string[];
  subscribeTyping(conversationId: string, fn: () => void): () => void;
  isOnline(agentId: string): boolean | undefined;
  subscribePresence(fn: () => void): () => void;
  /** Pull from the cursor now (what reconnect, wake and the tick do). */
  reconcile(): Promise<void>;
  status(): StoreStatus;
  subscribeStatus(fn: () => void): () => void;
  stats(): SyncStats;
  /** Resolves once no fetch, pull or send is in flight and views are notified (tests, integration). */
  whenIdle(): Promise<void>;
}

const TYPING_EMIT_MS = 2_000;

export function createSyncStore(o: SyncStoreOptions): SyncStore {
  const clock = o.clock ?? systemClock;
  const teamsAtStart = o.me.teamIds ?? [];
  const me: Me = {
    agentId: o.me.agentId,
    get teamIds() {
      return teamIdsOf(state.agents.get(o.me.agentId), teamsAtStart);
    },
  };
  const stats = emptyStats();
  const notifier = new Notifier(o.scheduler ?? defaultFrameScheduler());
  const onError = o.onError ?? ((err: unknown) => console.warn('[parley/sync]', err));
  const ops = new ConversationOps();
  const inflight = new Set<Promise<unknown>>();
  const viewCache = new Map<string, Conversation>();
  let threads: ThreadRegistry | null = null;

  const touch = (key: string): void => {
    if (key.startsWith('conv:')) {
      const id = key.slice(5);
      viewCache.delete(id);
      threads?.invalidate(id);
      notifier.touch(keys.thread(id));
    } else if (key.startsWith('thread:')) threads?.invalidate(key.slice(7));
    else if (key === keys.contacts) {
      viewCache.clear();
      threads?.invalidateAll();
    }
    notifier.touch(key);
  };
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    const done = () => inflight.delete(p);
    p.then(done, done);
    return p;
  };

  const hydrating = new Set<string>();
  // Conversations we must fetch but could not (offline): fetched on the next catch-up.
  const hydrateLater = new Set<string>();
  const requestHydrate = (id: string): void => {
    if (hydrating.has(id)) return;
    hydrating.add(id);
    void track(hydrate(id)).finally(() => hydrating.delete(id));
  };
  const state = new EntityState({
    touch,
    hydrate: (id) => requestHydrate(id),
    reloadThread: (id) => threads?.reload(id),
  });

  const engine = new SyncEngine({
    transport: o.transport,
    state,
    stats,
    clock,
    tenantId: () => o.tenantId ?? null,
    changesSight: (e) => changesSightOf(me.agentId, e),
    loadSnapshot: async () => {
      const [l, t] = await Promise.all([lists.fetchFirstPages(), threads!.fetchFirstPages()]);
      const teamIds = await fetchTeamIds(o.transport, me.agentId);
      const cursor = Math.min(l.cursor, t.cursor ?? l.cursor);
      return {
        cursor,
        apply: () => {
          if (teamIds) state.putAgent(me.agentId, { teamIds }, cursor);
          l.apply();
          t.apply();
        },
      };
    },
    onChange: () => touch('stats'),
    onError,
    pullLimit: o.pullLimit ?? 500,
    gapGraceMs: o.gapGraceMs ?? 250,
    retryMs: o.retryMs ?? 3_000,
  });

  const conversationView = (id: string): Conversation | undefined => {
    const hit = viewCache.get(id);
    if (hit) return hit;
    const rec = state.conversations.get(id);
    if (!rec) return undefined;
    let view: Conversation = { ...rec.value, unreadCount: state.unread.get(id) ?? 0 };
    const contact = state.contacts.get(view.contact.id);
    if (contact) {
      const { id: _id, version: _v, ...fields } = contact;
      view = { ...view, contact: mergePatch(view.contact, pick(fields, ['waId', 'name', 'phone'])) };
    }
    view = ops.overlay(view);
    viewCache.set(id, view);
    return view;
  };

  const ctx: StoreContext = {
    transport: o.transport,
    state,
    engine,
    notifier,
    me,
    pageSize: o.pageSize ?? 50,
    conversationView,
    touch,
    track,
    onError,
  };
  const lists = new ListRegistry(ctx);
  lists.keep(o.baseList ?? { view: 'all' });

  const queue = new OfflineQueue(
    o.storage ?? memoryOutboxStorage(),
    o.transport,
    clock,
    {
      changed: (id) => {
        touch(keys.thread(id));
        touch('status');
      },
      accepted: (m) => state.putMessage(m),
      failed: () => touch('status'),
      error: onError,
    },
    o.retryMs ?? 3_000,
  );

  const signals = new SignalState(clock, touch, () => o.tenantId ?? null);
  const connection = new Connection(
    o.transport,
    clock,
    o.lifecycle ?? noLifecycle,
    {
      event: (p) => {
        engine.ingest(p, 'socket');
        touch('stats');
      },
      signal: (p) => {
        signals.receive(p);
      },
      catchUp: (reason) => {
        void track(engine.pull(reason));
        void track(queue.flush());
        lists.retryFailed();
        for (const id of hydrateLater) requestHydrate(id);
        hydrateLater.clear();
        threads?.retryFailed();
      },
      stateChanged: (s) => {
        if (s === 'live') for (const id of threads?.openIds() ?? []) connection.emit('subscribe', id);
        touch('status');
      },
    },
    { reconcileMs: o.reconcileMs ?? 60_000, pollMs: o.pollMs ?? 5_000, standbyMs: 30_000 },
  );
  threads = new ThreadRegistry(ctx, queue, ops, (id, on) =>
    connection.emit(on ? 'subscribe' : 'unsubscribe', id),
  );

  if (o.onStats) {
    const cb = o.onStats;
    notifier.subscribe('stats', () => cb(structuredClone(stats)));
  }

  async function hydrate(id: string): Promise<void> {
    await engine
      .fetchRows(
        async () => {
          const res = await o.transport.request('GET', `/api/v1/conversations/${enc(id)}`);
          if (res.status === 404 || res.status === 403) return null;
          if (res.status !== 200) throw httpError(`GET /api/v1/conversations/${id}`, res);
          return conversationOneSchema.parse(res.body);
        },
        (one) => {
          if (one) state.putConversation(one.conversation, true, one.cursor);
        },
      )
      .catch((err: unknown) => {
        if (err instanceof NetworkError) hydrateLater.add(id);
        else onError(err);
      });
  }

  async function conversationOp(
    id: string,
    kind: OpKind,
    patch: Record<string, unknown>,
    path: string,
    method: 'POST' | 'PUT',
    body: unknown,
  ): Promise<OpResult> {
    const op = ops.add(id, kind, patch);
    touch(keys.conversation(id));
    const fail = (error: OpError): OpResult => {
      ops.reject(op, error);
      touch(keys.conversation(id));
      return { ok: false, error };
    };
    let res: Awaited<ReturnType<Transport['request']>>;
    try {
      res = await o.transport.request(method, `/api/v1/conversations/${enc(id)}/${path}`, body);
    } catch (err) {
      if (!(err instanceof NetworkError)) onError(err);
      return fail({ code: 'network_error', message: 'No connection: the change was not saved.' });
    }
    if (res.status < 200 || res.status >= 300) {
      const e = httpError(`${method} ${path}`, res) as HttpError;
      return fail({ code: e.code, message: e.message });
    }
    const row = conversationWriteResponseSchema.safeParse(res.body);
    if (row.success) state.putConversation(row.data.conversation, row.data.visibleToYou !== false);
    // Without the row, wait until the log brings the change, so the view never flips back.
    else await engine.pull('write');
    if (kind === 'read') state.markRead(id, engine.cursor ?? 0);
    ops.settle(op);
    touch(keys.conversation(id));
    return { ok: true };
  }

  const lastTypingEmit = new Map<string, number>();
  let started = false;
  const newId = o.newClientId ?? (() => globalThis.crypto.randomUUID());

  return {
    async start() {
      if (started) return;
      started = true;
      connection.start();
      await track(queue.load().catch(onError));
      await track(engine.resnapshot());
      void track(queue.flush());
    },
    stop() {
      connection.stop();
      engine.stop();
      queue.stop();
    },
    list: (q) => lists.open(q),
    thread: (id) => threads.open(id),
    conversation: (id) => (state.conversations.get(id)?.visible ? conversationView(id) : undefined),
    subscribeConversation: (id, fn) => notifier.subscribe(keys.conversation(id), fn),
    send(conversationId, text) {
      const clientId = newId();
      queue.enqueue(conversationId, clientId, text);
      return clientId;
    },
    retry: (clientId) => queue.retry(clientId),
    discard: (clientId) => queue.discard(clientId),
    outbox: () => queue.pending,
    assign: (id, to) =>
      track(
        conversationOp(
          id,
          'assign',
          { assigneeId: to.assigneeId, ...(to.teamId !== undefined ? { teamId: to.teamId } : {}) },
          'assign',
          'POST',
          to,
        ),
      ),
    setStatus: (id, status, snoozedUntil) => {
      const body = snoozedUntil === undefined ? { status } : { status, snoozedUntil };
      return track(conversationOp(id, 'status', body, 'status', 'POST', body));
    },
    setLabels: (id, labels) => track(conversationOp(id, 'labels', { labels }, 'labels', 'PUT', { labels })),
    markRead: (id) => track(conversationOp(id, 'read', { unreadCount: 0 }, 'read', 'POST', {})),
    typing(conversationId) {
      const last = lastTypingEmit.get(conversationId) ?? Number.NEGATIVE_INFINITY;
      if (clock.now() - last < TYPING_EMIT_MS) return;
      lastTypingEmit.set(conversationId, clock.now());
      connection.emit('typing', conversationId);
    },
    typingIn: (id) => signals.typingIn(id),
    subscribeTyping: (id, fn) => notifier.subscribe(typingKey(id), fn),
    isOnline: (agentId) => signals.online.get(agentId),
    subscribePresence: (fn) => notifier.subscribe(PRESENCE_KEY, fn),
    reconcile: () => track(engine.pull('manual')),
    status: () => ({ connection: connection.state, cursor: engine.cursor, outbox: queue.pending.length }),
    subscribeStatus: (fn) => notifier.subscribe('status', fn),
    stats: () => structuredClone(stats),
    async whenIdle() {
      for (let i = 0; i < 1000; i++) {
        await Promise.allSettled([...inflight]);
        await new Promise<void>((r) => queueMicrotask(r));
        if (inflight.size === 0 && !engine.busy && !queue.busy) break;
      }
      notifier.flush();
    },
  };
}

function pick(o: Readonly<Record<string, unknown>>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) if (n in o) out[n] = o[n];
  return out;
}
