// A signed-in shell for component tests: the real sync store over the sync package's fake
// transport and model server (what the store sends, and the server's state, are there to check), the
// real REST client over a fake fetch, and a small directory.
import { createSyncStore, immediateScheduler, memoryOutboxStorage, type SyncStore } from '@parley/sync';
import type { ReactNode } from 'react';
import { onTestFinished } from 'vitest';
import { FakeTransport, settle } from '../../../sync/test/fake-transport.ts';
import { ME, ModelServer, MY_CHANNEL, TENANT } from '../../../sync/test/model-server.ts';
import { ApiClient, type ApiResult } from '../lib/api-client.ts';
import { AppContext, type AppContextValue } from '../state/app-context.ts';
import type { Directory } from '../state/directory.ts';

export interface FakeApp {
  value: AppContextValue;
  store: SyncStore;
  /** The model of the server the store talks to. */
  server: ModelServer;
  /** The store's transport: requests it sent, the socket, the network switch. */
  net: FakeTransport;
  /** A conversation the server holds and the agent sees. */
  conversationId: string;
  calls: { method: string; path: string; body: unknown }[];
  wrap(node: ReactNode): ReactNode;
}

/** Lets the store's requests and answers run (the fake transport answers on microtasks). */
export const settleStore = () => settle(5);

/** A started store (snapshot loaded, socket live), stopped when the test ends. */
export async function fakeApp(
  opts: { answer?: (method: string, path: string) => ApiResult<unknown> } = {},
): Promise<FakeApp> {
  const server = new ModelServer();
  const conversationId = server.createConversation(MY_CHANNEL, ME);
  const net = new FakeTransport(server);
  let ids = 0;
  const store = createSyncStore({
    transport: net,
    me: { agentId: ME, teamIds: [] },
    tenantId: TENANT,
    storage: memoryOutboxStorage(),
    scheduler: immediateScheduler,
    newClientId: () => `client-${++ids}`,
  });
  onTestFinished(() => store.stop());
  void store.start();
  net.connectSocket();
  await settleStore();
  await store.whenIdle();
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
        id: ME,
        tenantId: TENANT,
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
    server,
    net,
    conversationId,
    calls,
    wrap: (node) => <AppContext.Provider value={value}>{node}</AppContext.Provider>,
  };
}
