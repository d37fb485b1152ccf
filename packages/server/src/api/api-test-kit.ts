// What the API suites share: JSON calls that fail loudly, sync helpers and a fresh tenant per test.
import type { Conversation, SyncEntry } from '@parley/sync';
import { apiClient, createTenantFixture, type TenantFixture } from '../test-support/inbox-fixture.ts';
import type { TestServer } from '../test-support/test-server.ts';

export type Call = ReturnType<typeof apiClient>;
export type ConversationPage = { items: (Conversation & { unreadCount?: number })[]; cursor: number };
export type WriteAnswer = { conversation: Conversation & { unreadCount?: number }; visibleToYou?: boolean };
export type SyncPage = { entries: (SyncEntry & { data?: Record<string, unknown> })[]; cursor: number };

/** The answer's body, or an error naming the call when it was not a success. */
export const body = async <T>(call: Call, method: string, path: string, payload?: unknown): Promise<T> => {
  const res = await call(method, path, payload);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
  return res.body as T;
};

export function apiKit(server: () => TestServer) {
  return {
    as: (token: string) => apiClient(server().baseUrl, token),
    /** The reader's cursor now: entries after it are what their next sync brings. */
    cursorOf: async (call: Call) =>
      (await body<ConversationPage>(call, 'GET', '/api/v1/conversations')).cursor,
    syncAfter: async (call: Call, cursor: number) =>
      (await body<SyncPage>(call, 'GET', `/api/v1/sync?cursor=${cursor}&limit=1000`)).entries,
    fresh: (): Promise<TenantFixture> => createTenantFixture(server().ctx, 'ops'),
  };
}
