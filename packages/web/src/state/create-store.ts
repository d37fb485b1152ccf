// One sync store per signed-in agent: the browser transport, an IndexedDB outbox (sends survive a
// reload), and the page's visibility/online events as wake signals.
import {
  browserLifecycle,
  createSyncStore,
  indexedDbOutboxStorage,
  memoryOutboxStorage,
  type SyncStore,
} from '@parley/sync';
import { browserTransport } from '../net/browser-transport.ts';
import type { Session } from './session.ts';

export function createAgentStore(
  session: Session,
  teamIds: readonly string[],
  onUnauthorized: () => void,
): SyncStore {
  const { agent } = session;
  return createSyncStore({
    transport: browserTransport({ csrfToken: () => session.csrfToken, onUnauthorized }),
    me: { agentId: agent.id, teamIds },
    tenantId: agent.tenantId,
    storage:
      typeof indexedDB === 'undefined'
        ? memoryOutboxStorage()
        : indexedDbOutboxStorage({ dbName: `parley-outbox-${agent.tenantId}-${agent.id}` }),
    lifecycle: browserLifecycle(),
    baseList: { view: 'all' },
    onError: (err) => console.warn('[parley] sync:', err),
  });
}
