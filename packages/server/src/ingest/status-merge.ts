import type { MessageStatus } from '@parley/sync';

// Statuses only move forward, whatever order Meta's webhooks arrive in: Meta does not promise order
// across deliveries, and retries of an earlier `sent` routinely land after `delivered` or `read`.
// Merging is "keep the higher rank", a total order, so folding any permutation of the same statuses
// gives the same result (see the property test).
//
// Ranks, lowest first:
//   pending    accepted by Parley, not yet acknowledged by Meta
//   unknown    Meta answered but the outcome is not known (e.g. a status Parley does not know)
//   sent       Meta's servers have it
//   delivered  on the customer's phone
//   failed     terminal for the attempt. It beats everything up to `delivered`: Meta does send
//              `failed` after `sent` (e.g. 131047 outside the 24-hour window, 131026 undeliverable);
//              after `delivered` it is rare, and it still wins so an error Meta reports is shown.
//   read       beats `failed`: a message the customer read was delivered, so a later `failed` for the
//              same WhatsApp message id is bogus (a late error for an earlier attempt) and is ignored.
//   received   inbound messages only. No delivery receipt applies to a message the customer sent us,
//              so it absorbs everything; ranking it last keeps the merge a total order.
//
// A retry of a failed message is a new attempt: the sender resets the status explicitly rather than
// through mergeStatus, which would (rightly) refuse to move `failed` back to `pending`.
const RANK: Record<MessageStatus, number> = {
  pending: 0,
  unknown: 1,
  sent: 2,
  delivered: 3,
  failed: 4,
  read: 5,
  received: 6,
};

/** True when `incoming` would move a message on from `current`; false for repeats and regressions. */
export function isForward(current: MessageStatus, incoming: MessageStatus): boolean {
  return RANK[incoming] > RANK[current];
}

/** The status a message holds after `incoming` arrives, never a step back. */
export function mergeStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus {
  return isForward(current, incoming) ? incoming : current;
}

/**
 * Parley's status for a status webhook, or null for one that is not a delivery receipt. Meta's
 * `deleted` (the customer deleted a message, retired in v12 but still in old payloads) says nothing
 * about delivery; any other status Meta may add is `unknown` rather than a guess.
 */
export function statusFromWebhook(status: string): MessageStatus | null {
  switch (status) {
    case 'sent':
    case 'delivered':
    case 'read':
    case 'failed':
      return status;
    case 'deleted':
      return null;
    default:
      return 'unknown';
  }
}
