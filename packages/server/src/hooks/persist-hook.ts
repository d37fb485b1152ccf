import type { PersistOutcome } from '../ingest/persist-inbound.ts';

/**
 * Runs after an ingest batch commits (assignment, bots). It runs in the lane that wrote the batch,
 * so it sees a conversation's messages in order; a slow hook delays only that tenant's lane.
 */
export interface PersistHook {
  readonly name: string;
  afterPersist(tenantId: string, outcome: PersistOutcome): Promise<void>;
}
