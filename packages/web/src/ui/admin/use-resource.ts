// Loads one admin collection and reloads it after a change; a missing route is reported, not faked.
import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../../state/app-context.ts';
import { itemsOf } from '../../state/directory.ts';

export function useResource<T>(path: string, key: string) {
  const { api, directory } = useApp();
  const [items, setItems] = useState<T[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('GET', path).then((r) => {
      if (!live) return;
      if (r.ok) {
        setItems(itemsOf<T>(key)(r.data) ?? []);
        setProblem(null);
      } else {
        setItems([]);
        setProblem(r.message);
      }
    });
    return () => {
      live = false;
    };
  }, [api, path, key, tick]);
  const reload = useCallback(() => {
    setTick((n) => n + 1);
    directory.refresh();
  }, [directory]);
  return { items, problem, reload, api };
}
