import { webhookError } from './meta-errors.ts';
import type { Random } from './rng.ts';
import type { StatusName, WebhookError } from './webhook-types.ts';

// What happens to a message Parley sent, as a list of statuses with delays. Pure: the simulator
// turns the plan into webhooks.

export interface StatusTiming {
  sentAfterMs: number;
  deliveredAfterMs: number;
  readAfterMs: number;
  /** Share (0..1) of delivered messages the customer reads (read receipts can be off). */
  readRate: number;
  /** Share (0..1) of accepted messages that fail (131026, undeliverable). */
  failRate: number;
}

export const DEFAULT_STATUS_TIMING: StatusTiming = {
  sentAfterMs: 20,
  deliveredAfterMs: 300,
  readAfterMs: 2000,
  readRate: 0.8,
  failRate: 0,
};

export interface PlannedStatus {
  status: StatusName;
  afterMs: number;
  errors?: WebhookError[];
}

export function planStatuses(timing: StatusTiming, random: Random, failure?: WebhookError): PlannedStatus[] {
  if (failure) return [{ status: 'failed', afterMs: timing.sentAfterMs, errors: [failure] }];
  if (random() < timing.failRate) {
    const error = webhookError(
      'undeliverable',
      'Message could not be delivered to the recipient (simulated failure).',
    );
    return [{ status: 'failed', afterMs: timing.sentAfterMs, errors: [error] }];
  }
  const plan: PlannedStatus[] = [
    { status: 'sent', afterMs: timing.sentAfterMs },
    { status: 'delivered', afterMs: Math.max(timing.sentAfterMs, timing.deliveredAfterMs) },
  ];
  if (random() < timing.readRate)
    plan.push({ status: 'read', afterMs: Math.max(timing.deliveredAfterMs, timing.readAfterMs) });
  return plan;
}
