// @parley/sync — the client sync core. See README.md for the model.

export {
  type Clock,
  defaultFrameScheduler,
  type FrameScheduler,
  immediateScheduler,
  systemClock,
  type TimerId,
} from './clock.ts';
export type { ConnectionState } from './connection.ts';
export { HttpError } from './context.ts';
export { SeqGate } from './dedup.ts';
export type { Transfer } from './entity-state.ts';
export { type IndexedDbOptions, indexedDbOutboxStorage } from './indexeddb-storage.ts';
export { browserLifecycle, type Lifecycle, noLifecycle } from './lifecycle.ts';
export type { ListHandle } from './lists.ts';
export { isPlainObject, mergePatch, type PatchObject } from './merge-patch.ts';
export type { OpError, OpResult, Rejection } from './optimistic-ops.ts';
export { memoryOutboxStorage, type OutboxItem, type OutboxStorage } from './outbox-storage.ts';
export * from './protocol.ts';
export { createHttpTransport, type HttpTransportOptions } from './socket-io-transport.ts';
export type { LatencyStats, SyncStats } from './stats.ts';
export { createSyncStore, type StoreStatus, type SyncStore, type SyncStoreOptions } from './store.ts';
export * from './template-text.ts';
export type { ThreadHandle } from './threads.ts';
export {
  type HttpMethod,
  type HttpResponse,
  NetworkError,
  type RealtimeConnection,
  type RealtimeHandlers,
  type Transport,
} from './transport.ts';
export type { ListQuery, ListView, Me, ThreadItem, ThreadSnapshot } from './views.ts';
