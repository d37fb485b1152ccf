// The worker's side of assignment beyond the ingest hook: works off the waiting list when woken
// (onCapacityFreed from the REST routes) and on a periodic tick, which also catches business hours
// opening, agents coming online, and any wake-up that was lost.
import type { Service } from '../services/service.ts';
import type { AssignmentDeps } from './assign-conversation.ts';
import { createGiveBack } from './give-back.ts';
import { availabilityPresence } from './presence-source.ts';
import { assignmentChannel, tenantsWithWaiting, workOffWaiting } from './waiting-list.ts';

export interface AssignmentServiceOptions extends AssignmentDeps {
  tickMs?: number;
}

export function createAssignmentService(opts: AssignmentServiceOptions): Service {
  const { log } = opts;
  const tickMs = opts.tickMs ?? 30_000;
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => Promise<void>) | null = null;
  /** One pass per tenant at a time in this process; a wake-up during a pass asks for another. */
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const giveBack = createGiveBack({ ...opts, presence: opts.presence ?? availabilityPresence(opts.db) });

  const pass = (tenantId: string): Promise<void> => {
    const inFlight = running.get(tenantId);
    if (inFlight) {
      again.add(tenantId);
      return inFlight;
    }
    const p = (async () => {
      do {
        again.delete(tenantId);
        try {
          const { assigned, waiting } = await workOffWaiting(opts, tenantId);
          if (assigned > 0)
            log.info({ tenantId, assigned, waiting }, 'assignment: waiting conversations assigned');
        } catch (err) {
          log.error(
            { tenantId, err: (err as Error).message },
            'assignment: working off the waiting list failed',
          );
        }
      } while (again.has(tenantId));
    })().finally(() => running.delete(tenantId));
    running.set(tenantId, p);
    return p;
  };

  const tick = async () => {
    try {
      const given = await giveBack.sweep();
      if (given > 0) log.info({ given }, 'assignment: conversations of offline agents given back');
      for (const tenantId of await tenantsWithWaiting(opts.db)) await pass(tenantId);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'assignment: tick failed');
    }
  };

  return {
    name: 'assignment',
    async start() {
      unsubscribe = await opts.pubsub.subscribe(assignmentChannel(opts.prefix), (message) => {
        let tenantId: unknown;
        try {
          tenantId = (JSON.parse(message) as { tenantId?: unknown }).tenantId;
        } catch {
          tenantId = null;
        }
        if (typeof tenantId === 'string') void pass(tenantId);
        else log.warn('assignment: ignored a malformed wake-up');
      });
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
      void tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await unsubscribe?.();
      await Promise.all(running.values());
    },
  };
}
