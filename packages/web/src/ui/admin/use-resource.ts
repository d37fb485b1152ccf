// Loads one admin collection and reloads it after a change; a missing route is reported, not faked.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, ApiResult } from '../../lib/api-client.ts';
import { useApp } from '../../state/app-context.ts';

/** `key` names the collection (it reloads when the key changes); `load` is the typed call. */
export function useResource<T>(key: string, load: (api: ApiClient) => Promise<ApiResult<{ items: T[] }>>) {
  const { api, directory } = useApp();
  const [items, setItems] = useState<T[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let live = true;
    void loader.current(api).then((r) => {
      if (!live) return;
      if (r.ok) {
        setItems(r.data.items);
        setProblem(null);
      } else {
        setItems([]);
        setProblem(r.message);
      }
    });
    return () => {
      live = false;
    };
  }, [api, key, tick]);
  const reload = useCallback(() => {
    setTick((n) => n + 1);
    directory.refresh();
  }, [directory]);
  return { items, problem, reload, api };
}
