// A signed-in shell for component tests: a fake sync store (only what the component under test
// calls), a fake REST client, and a small directory.
import type { StoreStatus, SyncStore } from '@parley/sync';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { ApiClient, type ApiResult } from '../lib/api-client.ts';
import { AppContext, type AppContextValue } from '../state/app-context.ts';
import type { Directory } from '../state/directory.ts';

export interface FakeApp {
  value: AppContextValue;
  store: SyncStore & { setStatus(s: Partial<StoreStatus>): void };
  calls: { method: string; path: string; body: unknown }[];
  wrap(node: ReactNode): ReactNode;
}

export function fakeApp(
  opts: { answer?: (method: string, path: string) => ApiResult<unknown> } = {},
): FakeApp {
  let status: StoreStatus = { connection: 'live', cursor: 1, outbox: 0 };
  const statusListeners = new Set<() => void>();
  const store = {
    send: vi.fn(() => 'client-1'),
    retry: vi.fn(() => true),
    discard: vi.fn(() => true),
    typing: vi.fn(),
    status: () => status,
    subscribeStatus: (fn: () => void) => {
      statusListeners.add(fn);
      return () => statusListeners.delete(fn);
    },
    setStatus(s: Partial<StoreStatus>) {
      status = { ...status, ...s };
      for (const fn of statusListeners) fn();
    },
  } as unknown as FakeApp['store'];
  const calls: FakeApp['calls'] = [];
  // The real REST client over a fake fetch: what the page sends is checked against the server's
  // generated types at compile time, and recorded here as it would reach the server.
  const api = new ApiClient(
    () => 'csrf',
    async (req) => {
      const path = new URL(req.url).pathname;
      const text = await req.text();
      calls.push({ method: req.method, path, body: text ? JSON.parse(text) : undefined });
      const answer = opts.answer?.(req.method, path) ?? { ok: true, status: 200, data: {} };
      return answer.ok
        ? Response.json(answer.data, { status: answer.status })
        : Response.json({ error: { code: answer.code, message: answer.message } }, { status: answer.status });
    },
  );
  const directory: Directory = {
    agents: {
      items: [
        {
          id: 'me',
          name: 'Me Agent',
          email: 'me@x.test',
          role: 'agent',
          availability: 'online',
          teamIds: [],
        },
        {
          id: 'bea',
          name: 'Bea Agent',
          email: 'bea@x.test',
          role: 'agent',
          availability: 'online',
          teamIds: [],
        },
      ],
      problem: null,
    },
    teams: { items: [], problem: null },
    labels: { items: [], problem: null },
    canned: { items: [{ id: 'c1', shortcode: 'thanks', body: 'Thank you for waiting!' }], problem: null },
    refresh: () => {},
  };
  const value: AppContextValue = {
    session: {
      agent: {
        id: 'me',
        tenantId: 't1',
        email: 'me@x.test',
        name: 'Me Agent',
        role: 'agent',
        availability: 'online',
      },
      csrfToken: 'csrf',
    },
    store,
    api,
    directory,
    logout: () => {},
  };
  return {
    value,
    store,
    calls,
    wrap: (node) => <AppContext.Provider value={value}>{node}</AppContext.Provider>,
  };
}
