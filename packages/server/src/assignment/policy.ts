// Choosing an agent for a conversation: pure, no I/O. The caller loads the candidates (with their
// load, capacity and presence), the round-robin pointer and the sticky agent, and writes what this
// decides. The same function serves the worker, the property tests and the benchmark.

export type PolicyKind = 'manual' | 'round_robin' | 'balanced';
export type PresenceStatus = 'online' | 'away' | 'offline';

export interface Candidate {
  agentId: string;
  name: string;
  /** Open conversations assigned to the agent, every channel. */
  load: number;
  /** Open conversations assigned to the agent in this conversation's channel. */
  channelLoad: number;
  /** Global capacity; null is unlimited. */
  maxOpen: number | null;
  presence: PresenceStatus;
}

export interface DecisionInput {
  policy: PolicyKind;
  onlineOnly: boolean;
  /** Per-channel capacity; null is unlimited. */
  channelMaxOpen: number | null;
  /** Members of the channel (or of the routing team); the order does not matter. */
  candidates: readonly Candidate[];
  /** The agent round robin chose last in this scope, and their name for the reason. */
  pointer: string | null;
  pointerName?: string | null;
  /** The agent a returning customer should go back to, when stickiness applies. */
  sticky: string | null;
  withinHours: boolean;
}

export type Decision =
  | { kind: 'assign'; agentId: string; reason: string; via: 'sticky' | PolicyKind; pointer: string | null }
  | { kind: 'wait'; reason: string }
  | { kind: 'manual'; reason: string };

export const isFull = (c: Candidate, channelMaxOpen: number | null): boolean =>
  (c.maxOpen !== null && c.load >= c.maxOpen) || (channelMaxOpen !== null && c.channelLoad >= channelMaxOpen);

export const isEligible = (
  c: Candidate,
  input: Pick<DecisionInput, 'onlineOnly' | 'channelMaxOpen'>,
): boolean => !isFull(c, input.channelMaxOpen) && (!input.onlineOnly || c.presence === 'online');

/** The stable ring: agent ids in ascending order, so every process walks the same circle. */
const byId = (a: Candidate, b: Candidate): number =>
  a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0;

/** Eligible candidates in ring order, starting with the first one after the pointer. */
export function ringAfter(eligible: readonly Candidate[], pointer: string | null): Candidate[] {
  const ring = [...eligible].sort(byId);
  if (pointer === null) return ring;
  const start = ring.findIndex((c) => c.agentId > pointer);
  return start <= 0 ? ring : [...ring.slice(start), ...ring.slice(0, start)];
}

function waitReason(input: DecisionInput): string {
  if (input.candidates.length === 0) return 'waiting: no agents in this channel';
  const full = input.candidates.filter((c) => isFull(c, input.channelMaxOpen));
  if (full.length === input.candidates.length) return 'waiting: all agents at capacity';
  if (input.onlineOnly && input.candidates.every((c) => c.presence !== 'online'))
    return 'waiting: no agent online';
  return 'waiting: all agents at capacity or not online';
}

export function decide(input: DecisionInput): Decision {
  if (!input.withinHours) return { kind: 'wait', reason: 'out of hours' };
  if (input.policy === 'manual') return { kind: 'manual', reason: 'manual assignment' };
  const eligible = input.candidates.filter((c) => isEligible(c, input));
  if (eligible.length === 0) return { kind: 'wait', reason: waitReason(input) };

  if (input.sticky !== null && eligible.some((c) => c.agentId === input.sticky)) {
    return {
      kind: 'assign',
      agentId: input.sticky,
      reason: 'sticky: last agent',
      via: 'sticky',
      pointer: input.pointer,
    };
  }
  const ring = ringAfter(eligible, input.pointer);
  if (input.policy === 'round_robin') {
    const next = ring[0]!;
    const after = input.pointer === null ? 'first in order' : `after ${input.pointerName ?? input.pointer}`;
    return {
      kind: 'assign',
      agentId: next.agentId,
      reason: `round robin, ${after}`,
      via: 'round_robin',
      pointer: next.agentId,
    };
  }
  // Balanced: the fewest open conversations; ties go round the ring, so equals take turns.
  let best = ring[0]!;
  for (const c of ring) if (c.load < best.load) best = c;
  return {
    kind: 'assign',
    agentId: best.agentId,
    reason: `balanced: ${best.load} open`,
    via: 'balanced',
    pointer: best.agentId,
  };
}
