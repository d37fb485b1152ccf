// React bindings over the sync store: every view reads through useSyncExternalStore, so a change
// re-renders exactly the views whose snapshot changed (the store keeps snapshot identity stable).
import type {
  Conversation,
  ListHandle,
  ListQuery,
  StoreStatus,
  SyncStore,
  ThreadHandle,
  ThreadSnapshot,
} from '@parley/sync';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

const noSubscribe = () => () => {};
const EMPTY_ROWS: readonly Conversation[] = [];
const NOBODY: readonly string[] = [];

/** Opens a handle for as long as the component shows it (and `key` stays the same). */
function useHandle<H extends { close(): void }>(open: () => H, key: string): H | null {
  const [handle, setHandle] = useState<{ key: string; h: H } | null>(null);
  useEffect(() => {
    const h = open();
    setHandle({ key, h });
    return () => h.close();
  }, [key]);
  return handle?.key === key ? handle.h : null;
}

export function listKey(q: ListQuery): string {
  return `${q.view}|${q.status ?? ''}|${q.label ?? ''}`;
}

export interface ListState {
  rows: readonly Conversation[];
  hasMore: boolean;
  loadMore(): Promise<void>;
}

export function useConversationList(store: SyncStore, query: ListQuery): ListState {
  const handle = useHandle<ListHandle>(() => store.list(query), listKey(query));
  const rows = useSyncExternalStore(handle?.subscribe ?? noSubscribe, () =>
    handle ? handle.getSnapshot() : EMPTY_ROWS,
  );
  const loadMore = useCallback(() => handle?.loadMore() ?? Promise.resolve(), [handle]);
  return { rows, hasMore: handle?.hasMore() ?? false, loadMore };
}

const LOADING = new Map<string, ThreadSnapshot>();
function loadingSnapshot(conversationId: string): ThreadSnapshot {
  let s = LOADING.get(conversationId);
  if (!s) {
    s = {
      conversationId,
      status: 'loading',
      conversation: null,
      items: [],
      hasOlder: false,
      transferred: null,
      error: null,
    };
    LOADING.set(conversationId, s);
  }
  return s;
}

export function useThread(
  store: SyncStore,
  conversationId: string,
): { snap: ThreadSnapshot; loadOlder(): Promise<void> } {
  const handle = useHandle<ThreadHandle>(() => store.thread(conversationId), conversationId);
  const snap = useSyncExternalStore(handle?.subscribe ?? noSubscribe, () =>
    handle ? handle.getSnapshot() : loadingSnapshot(conversationId),
  );
  const loadOlder = useCallback(() => handle?.loadOlder() ?? Promise.resolve(), [handle]);
  return { snap, loadOlder };
}

export function useStoreStatus(store: SyncStore): StoreStatus {
  // status() builds a new object each call: cache by its fields so React sees a stable snapshot.
  const [cache] = useState(() => ({ key: '', value: store.status() }));
  return useSyncExternalStore(store.subscribeStatus, () => {
    const s = store.status();
    const key = `${s.connection}|${s.cursor}|${s.outbox}`;
    if (key !== cache.key) {
      cache.key = key;
      cache.value = s;
    }
    return cache.value;
  });
}

export function useTyping(store: SyncStore, conversationId: string): readonly string[] {
  const sub = useCallback(
    (fn: () => void) => store.subscribeTyping(conversationId, fn),
    [store, conversationId],
  );
  return useSyncExternalStore(sub, () => {
    const ids = store.typingIn(conversationId);
    return ids.length === 0 ? NOBODY : ids;
  });
}

export function usePresence(store: SyncStore, agentId: string): boolean | undefined {
  return useSyncExternalStore(store.subscribePresence, () => store.isOnline(agentId));
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (fn) => {
      window.addEventListener('online', fn);
      window.addEventListener('offline', fn);
      return () => {
        window.removeEventListener('online', fn);
        window.removeEventListener('offline', fn);
      };
    },
    () => navigator.onLine,
  );
}

/** A clock for countdowns: one re-render per `ms`, shared by whoever asks. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
