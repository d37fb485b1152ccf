/** A customer message an ingest batch stored for the first time. */
export interface NewMessage {
  messageId: string;
  conversationId: string;
  channelId: string;
  kind: string;
  /** The message reopened a resolved conversation (the first of the batch that counts). */
  reopened: boolean;
  /** The conversation was created by this batch. */
  created: boolean;
}

/** What the hooks of a batch need; kept in the batch's followup row (hooks/followups.ts). */
export interface AfterCommit {
  newMessages: NewMessage[];
}

/**
 * Runs after an ingest batch commits (assignment, bots, media). It runs in the lane that wrote the
 * batch, so it sees a conversation's messages in order; a slow hook delays only that tenant's lane.
 * A hook may run more than once for the same batch (a worker died before recording that it ran,
 * or the hook failed and is retried), so its effects must be idempotent.
 */
export interface PersistHook {
  readonly name: string;
  afterPersist(tenantId: string, work: AfterCommit): Promise<void>;
}
