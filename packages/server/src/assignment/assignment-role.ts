// Assignment's part of the worker role: the hook after each ingest batch and the service that
// works off the waiting list. Live presence is used when the realtime role runs in this process.
import type { AppContext } from '../app-context.ts';
import type { PersistHook } from '../hooks/persist-hook.ts';
import type { Service } from '../services/service.ts';
import type { AssignmentDeps } from './assign-conversation.ts';
import { createAssignmentHook } from './assignment-hook.ts';
import { createAssignmentService } from './assignment-service.ts';
import { cachedPresence, type PresenceSource } from './presence-source.ts';

export function createAssignmentRole(
  ctx: AppContext,
  presence: PresenceSource | null,
): { hook: PersistHook; service: Service } {
  const deps: AssignmentDeps = {
    db: ctx.db,
    pubsub: ctx.pubsub,
    prefix: ctx.prefix,
    log: ctx.log,
    outbound: ctx.outbound,
    // Two seconds of staleness is far below presence's own grace period.
    ...(presence && { presence: cachedPresence(presence, 2000) }),
  };
  return { hook: createAssignmentHook(deps), service: createAssignmentService(deps) };
}
