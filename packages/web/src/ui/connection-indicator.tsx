// Honest about the connection: live (socket up), reconnecting (polling the log meanwhile), offline
// (the browser has no network) — with how many sends wait in the outbox.
import type { StoreStatus } from '@parley/sync';
import { useApp } from '../state/app-context.ts';
import { useOnline, useStoreStatus } from '../state/store-hooks.ts';

export type ConnectionLabel = 'live' | 'connecting' | 'reconnecting' | 'offline';

export function connectionLabel(s: StoreStatus, browserOnline: boolean): ConnectionLabel {
  if (!browserOnline) return 'offline';
  if (s.connection === 'live') return 'live';
  if (s.connection === 'connecting' && s.cursor === null) return 'connecting';
  return 'reconnecting';
}

const TEXT: Record<ConnectionLabel, string> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function ConnectionIndicator() {
  const { store } = useApp();
  const status = useStoreStatus(store);
  const online = useOnline();
  const label = connectionLabel(status, online);
  const queued = status.outbox;
  return (
    <output
      className={`conn conn-${label}`}
      data-state={label}
      aria-live="polite"
      title={label === 'live' ? 'Updates arrive live' : 'Updates are fetched when the connection allows'}
    >
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-text">{TEXT[label]}</span>
      {queued > 0 && (
        <span className="conn-queued" data-testid="queued-count">
          · {queued} queued
        </span>
      )}
    </output>
  );
}
