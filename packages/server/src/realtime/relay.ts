// The relay: committed event-log entries → sockets. Each realtime node relays from the database
// to its own sockets (io.local), so every socket gets each entry exactly once whatever the number
// of nodes, and a lost wake-up costs latency, not data: a sweep every few seconds catches up.
// Pub/sub carries only "tenant T's log moved to seq N".
import { SOCKET_EVENT } from '@parley/sync';
import type { Server } from 'socket.io';
import { hiddenOf, isTransfer, toWire, viewOf } from '../auth/entry-view.ts';
import { logChannel, type WakeUp } from '../events/commit-changes.ts';
import type { StoredEntry } from '../events/event-log.ts';
import { readEntriesFast } from '../events/read-entries-fast.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/registry.ts';
import type { PubSub, Unsubscribe } from '../pubsub/port.ts';
import type { Service } from '../services/service.ts';
import type { Queryable } from '../store/db.ts';
import { scopeRooms, staffRoom, tenantRoom } from './room-names.ts';
import type { SocketData } from './socket-server.ts';

export { hiddenOf, toWire };

export interface RelayOptions {
  io: Server;
  db: Queryable;
  pubsub: PubSub;
  prefix: string;
  metrics: Metrics;
  log: Logger;
  sweepMs?: number;
  /**
   * Called once per entry after it went to this node's sockets (presence, rooms). A returned
   * promise holds back the tenant's next entry until it settles: rooms change before it is sent.
   */
  onEntry?: (e: StoredEntry) => void | Promise<void>;
}

export function createRelay(opts: RelayOptions): Service {
  const { io, db, log } = opts;
  const cursors = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  let unsubscribe: Unsubscribe | null = null;
  let sweeper: NodeJS.Timeout | null = null;

  const relayed = (e: StoredEntry) => {
    opts.metrics.relayedEntries.inc();
    opts.metrics.relayLagSeconds.observe(Math.max(0, Date.now() - Date.parse(e.committedAt)) / 1000);
  };

  const emit = async (e: StoredEntry) => {
    if (isTransfer(e)) {
      // Rare, and what each reader is shown differs (visibleToYou): decide socket by socket.
      for (const socket of await io.local.in(tenantRoom(e.tenantId)).fetchSockets()) {
        socket.emit(SOCKET_EVENT, viewOf(e, (socket.data as SocketData).visibility));
      }
      relayed(e);
      return;
    }
    const open = !e.scope.channelId && !e.scope.agentId && !e.scope.teamId;
    if (open) {
      // The team directory: every person of the tenant; a bot only learns that seq N exists.
      const staff = staffRoom(e.tenantId);
      io.local.to(staff).emit(SOCKET_EVENT, toWire(e));
      io.local.to(tenantRoom(e.tenantId)).except(staff).emit(SOCKET_EVENT, hiddenOf(e));
    } else {
      const rooms = scopeRooms(e.tenantId, e.scope);
      io.local.to(rooms).emit(SOCKET_EVENT, toWire(e));
      // Everyone else in the tenant learns only that seq N exists, so their cursor stays gap-free.
      io.local.to(tenantRoom(e.tenantId)).except(rooms).emit(SOCKET_EVENT, hiddenOf(e));
    }
    relayed(e);
  };

  const hookFailed = (e: StoredEntry) => (err: unknown) =>
    log.warn({ err: (err as Error).message, seq: e.seq }, 'relay: entry hook failed');

  /** A promise only when the hook returned one, so the common entry costs no extra await. */
  const afterEmit = (e: StoredEntry): Promise<void> | undefined => {
    try {
      const r = opts.onEntry?.(e);
      return r instanceof Promise ? r.catch(hookFailed(e)) : undefined;
    } catch (err) {
      // The entry is already out: a failing hook must not stall the cursor and re-send it.
      hookFailed(e)(err);
      return undefined;
    }
  };

  /** Entries carried by wake-ups, per tenant, not yet sent (they may arrive out of order). */
  const carried = new Map<string, Map<number, StoredEntry>>();

  const carry = (tenantId: string, entries: StoredEntry[] | undefined) => {
    if (!entries?.length) return;
    const held = carried.get(tenantId) ?? new Map<number, StoredEntry>();
    carried.set(tenantId, held);
    for (const e of entries) held.set(e.seq, e);
    // Bounded: past this, the log is read instead (it holds the same entries).
    if (held.size > 5000) held.clear();
  };

  /** The carried entries that follow the cursor without a hole, or null when none do. */
  const takeCarried = (tenantId: string, from: number): StoredEntry[] | null => {
    const held = carried.get(tenantId);
    if (!held) return null;
    for (const seq of held.keys()) if (seq <= from) held.delete(seq);
    const run: StoredEntry[] = [];
    for (let e = held.get(from + 1); e; e = held.get(from + 1 + run.length)) {
      held.delete(e.seq);
      run.push(e);
    }
    if (held.size === 0) carried.delete(tenantId);
    return run.length > 0 ? run : null;
  };

  const drain = async (tenantId: string) => {
    for (;;) {
      dirty.delete(tenantId);
      const from = cursors.get(tenantId) ?? 0;
      // Entries carried by wake-ups are sent only when they follow the cursor; otherwise the log
      // (the truth) is read, which also fills whatever hole kept them back.
      const inline = takeCarried(tenantId, from);
      const entries = inline ?? (await readEntriesFast(db, tenantId, from, 500));
      for (const e of entries) {
        await emit(e);
        // Entry by entry: a failure mid-page must not send the earlier ones again (at most once).
        cursors.set(tenantId, e.seq);
        const hook = afterEmit(e);
        if (hook) await hook;
      }
      const more = inline ? carried.has(tenantId) : entries.length === 500;
      if (!more && !dirty.has(tenantId)) return;
    }
  };

  const schedule = (tenantId: string, inline?: StoredEntry[]) => {
    carry(tenantId, inline);
    if (running.has(tenantId)) {
      dirty.add(tenantId);
      return;
    }
    const run = drain(tenantId)
      .catch((err: unknown) =>
        log.warn({ err: (err as Error).message, tenantId }, 'relay: read failed; the sweep retries'),
      )
      .finally(() => running.delete(tenantId));
    running.set(tenantId, run);
  };

  const sweep = async () => {
    const { rows } = await db.query<{ tenant_id: string; seq: number }>(
      'SELECT tenant_id, seq FROM tenant_counters',
    );
    for (const r of rows) {
      // A tenant unknown at start was created since: all of its entries are new.
      if (r.seq > (cursors.get(r.tenant_id) ?? 0)) schedule(r.tenant_id);
    }
  };

  return {
    name: 'relay',
    async start() {
      // Start at the head: history is served by /api/v1/sync, not replayed to live sockets.
      const { rows } = await db.query<{ tenant_id: string; seq: number }>(
        'SELECT tenant_id, seq FROM tenant_counters',
      );
      for (const r of rows) cursors.set(r.tenant_id, r.seq);
      unsubscribe = await opts.pubsub.subscribe(logChannel(opts.prefix), (message) => {
        const { tenantId, entries } = JSON.parse(message) as WakeUp;
        if (!cursors.has(tenantId)) cursors.set(tenantId, 0);
        schedule(tenantId, entries);
      });
      sweeper = setInterval(() => {
        sweep().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'relay: sweep failed'));
      }, opts.sweepMs ?? 2000);
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await unsubscribe?.();
      await Promise.all(running.values());
    },
  };
}
