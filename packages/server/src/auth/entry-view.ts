// What one reader is shown of one event-log entry: the entry, a hidden placeholder, or, on the
// entry where a conversation enters or leaves their sight, the entry flagged `visibleToYou`
// (packages/sync/src/protocol.ts, VISIBLE_TO_YOU). The socket relay and /api/v1/sync share it, so
// a live reader and a catching-up reader see the same log.
import { type HiddenEntry, type LogEntry, VISIBLE_TO_YOU } from '@parley/sync';
import type { StoredEntry } from '../events/event-log.ts';
import { canSee, type Visibility } from './visibility.ts';

/**
 * `data.updatedAt` is the entry's committed_at: every entry changes its entity at that time, so as
 * a patch field it is true, and it keeps the wire shape docs/contracts.md fixes. Clients measure
 * event latency from it (packages/sync/src/stats.ts).
 */
export const toWire = (e: StoredEntry): LogEntry => ({
  tenantId: e.tenantId,
  seq: e.seq,
  type: e.type,
  entityId: e.entityId,
  version: e.version,
  data: { ...e.data, updatedAt: e.committedAt },
});

export const hiddenOf = (e: Pick<StoredEntry, 'tenantId' | 'seq'>): HiddenEntry => ({
  tenantId: e.tenantId,
  seq: e.seq,
  type: 'hidden',
});

/**
 * An entry that moves a conversation between assignees or teams. Its scope is the conversation's
 * new one; `extraAgentId`/`extraTeamId` hold the previous assignee and team (null when there was
 * none), so who could see it before is known without reading the conversation's history.
 */
export const isTransfer = (e: Pick<StoredEntry, 'type' | 'data'>): boolean =>
  e.type === 'conversation.updated' && ('assigneeId' in e.data || 'teamId' in e.data);

export function viewOf(e: StoredEntry, v: Visibility): LogEntry | HiddenEntry {
  const after = canSee(v, e.scope);
  if (!isTransfer(e)) return after ? toWire(e) : hiddenOf(e);
  // A field the entry does not change (absent from data) was what it is now.
  const before = canSee(v, {
    channelId: e.scope.channelId,
    agentId: 'assigneeId' in e.data ? e.scope.extraAgentId : e.scope.agentId,
    teamId: 'teamId' in e.data ? e.scope.extraTeamId : e.scope.teamId,
  });
  if (after === before) return after ? toWire(e) : hiddenOf(e);
  const wire = toWire(e);
  return { ...wire, data: { ...wire.data, [VISIBLE_TO_YOU]: after } };
}
