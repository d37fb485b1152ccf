import type { AddressedChange } from './payload-builders.ts';
import { type Random, shuffled } from './rng.ts';

// Meta promises at-least-once delivery and no order: the same payload can arrive twice, a status
// can overtake another, several events can share one POST. These knobs reproduce that on demand.

export interface ChaosOptions {
  /** Share (0..1) of POSTs that are delivered a second time, byte for byte. */
  duplicateRate?: number;
  /** Deliver the events collected in one flush in random order. */
  shuffle?: boolean;
  /** Extra delay before each POST: a fixed number or a uniform range, in milliseconds. */
  delayMs?: number | { min: number; max: number };
  /** Put up to this many events into one POST (several messages per value, several entries). */
  batchSize?: number;
  /**
   * The Graph API answers a send only after the `sent` status webhook was delivered, so the status
   * reaches Parley before the wamid it refers to (a race real Meta traffic shows).
   */
  earlyStatus?: boolean;
  /**
   * Share (0..1) of accepted sends whose Graph answer is a 500 (131000 "Something went wrong")
   * although the message was taken: the customer gets it and its status webhooks still follow, as
   * happens when Meta fails after accepting. A sender that retries such an answer sends it twice.
   */
  acceptedErrorRate?: number;
}

export interface PlannedPost {
  /** Shared by reference between a POST and its duplicate, so both carry the same bytes. */
  changes: AddressedChange[];
  delayMs: number;
  duplicate: boolean;
}

function pickDelay(delay: ChaosOptions['delayMs'], random: Random): number {
  if (delay === undefined) return 0;
  if (typeof delay === 'number') return delay;
  return Math.round(delay.min + (delay.max - delay.min) * random());
}

/** Pure: turns the events of one flush into the POSTs to make, in launch order. */
export function planPosts(
  changes: readonly AddressedChange[],
  chaos: ChaosOptions,
  random: Random,
): PlannedPost[] {
  const ordered = chaos.shuffle ? shuffled(changes, random) : [...changes];
  const size = Math.max(1, Math.floor(chaos.batchSize ?? 1));
  const originals: PlannedPost[] = [];
  for (let i = 0; i < ordered.length; i += size) {
    originals.push({
      changes: ordered.slice(i, i + size),
      delayMs: pickDelay(chaos.delayMs, random),
      duplicate: false,
    });
  }
  const rate = chaos.duplicateRate ?? 0;
  const plan: PlannedPost[] = [];
  const copies: PlannedPost[] = [];
  for (const post of originals) {
    plan.push(post);
    if (rate <= 0 || random() >= rate) continue;
    const copy = { changes: post.changes, delayMs: pickDelay(chaos.delayMs, random), duplicate: true };
    // Unshuffled, a copy follows its original at once; shuffled, copies go out after all originals
    // in random order (a copy never precedes its original, or it would not be a redelivery).
    if (chaos.shuffle) copies.push(copy);
    else plan.push(copy);
  }
  return [...plan, ...shuffled(copies, random)];
}
