// The policy driven through random days of work: arrivals, resolutions, transfers, presence and
// capacity changes, with the waiting list worked off after every event as the worker does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  type DecisionInput,
  decide,
  isEligible,
  type PolicyKind,
  type PresenceStatus,
} from './policy.ts';

const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];

type Op =
  | { op: 'arrive' }
  | { op: 'resolve'; pick: number }
  | { op: 'transfer'; pick: number; to: number }
  | { op: 'presence'; agent: number; status: PresenceStatus }
  | { op: 'capacity'; agent: number; max: number | null };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ op: 'arrive' as const }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('resolve' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('transfer' as const), pick: fc.nat(), to: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('presence' as const),
      agent: fc.nat(),
      status: fc.constantFrom<PresenceStatus>('online', 'away', 'offline'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('capacity' as const),
      agent: fc.nat(),
      max: fc.option(fc.integer({ min: 0, max: 6 })),
    }),
  },
);

interface Setup {
  policy: Exclude<PolicyKind, 'manual'>;
  onlineOnly: boolean;
  channelMaxOpen: number | null;
  agents: number;
  caps: (number | null)[];
}

const setupArb: fc.Arbitrary<Setup> = fc.record({
  policy: fc.constantFrom<Setup['policy']>('round_robin', 'balanced'),
  onlineOnly: fc.boolean(),
  channelMaxOpen: fc.option(fc.integer({ min: 1, max: 8 })),
  agents: fc.integer({ min: 1, max: AGENTS.length }),
  caps: fc.array(fc.option(fc.integer({ min: 0, max: 5 })), {
    minLength: AGENTS.length,
    maxLength: AGENTS.length,
  }),
});

/** One channel's state as the worker sees it, with a log of what each decision saw. */
class Simulation {
  readonly agents: Map<string, { maxOpen: number | null; presence: PresenceStatus }>;
  /** Open conversations: id → assignee. */
  readonly open = new Map<number, string>();
  readonly waiting: number[] = [];
  pointer: string | null = null;
  private next = 0;
  /** Every automatic assignment with the agents that were eligible when it was made. */
  readonly decisions: { agentId: string; eligible: Set<string>; loadBefore: Map<string, number> }[] = [];
  /** Capacity violations a decision caused (an admin lowering a capacity is not one). */
  readonly violations: string[] = [];

  constructor(readonly setup: Setup) {
    this.agents = new Map(
      AGENTS.slice(0, setup.agents).map((id, i) => [
        id,
        { maxOpen: setup.caps[i] ?? null, presence: 'online' },
      ]),
    );
  }

  loadOf(agentId: string): number {
    let n = 0;
    for (const a of this.open.values()) if (a === agentId) n++;
    return n;
  }

  candidates(): Candidate[] {
    return [...this.agents].map(([agentId, a]) => {
      const load = this.loadOf(agentId);
      return { agentId, name: agentId, load, channelLoad: load, maxOpen: a.maxOpen, presence: a.presence };
    });
  }

  input(): DecisionInput {
    return {
      policy: this.setup.policy,
      onlineOnly: this.setup.onlineOnly,
      channelMaxOpen: this.setup.channelMaxOpen,
      candidates: this.candidates(),
      pointer: this.pointer,
      sticky: null,
      withinHours: true,
    };
  }

  /** Tries to assign one conversation; true when it was. */
  place(id: number): boolean {
    const input = this.input();
    const d = decide(input);
    if (d.kind !== 'assign') return false;
    const eligible = new Set(input.candidates.filter((c) => isEligible(c, input)).map((c) => c.agentId));
    const loadBefore = new Map(input.candidates.map((c) => [c.agentId, c.load]));
    this.decisions.push({ agentId: d.agentId, eligible, loadBefore });
    this.pointer = d.pointer;
    this.open.set(id, d.agentId);
    const cap = this.agents.get(d.agentId)!.maxOpen;
    const load = this.loadOf(d.agentId);
    if (cap !== null && load > cap) this.violations.push(`${d.agentId} has ${load} open, capacity ${cap}`);
    if (this.setup.channelMaxOpen !== null && load > this.setup.channelMaxOpen)
      this.violations.push(`${d.agentId} has ${load} open, channel capacity ${this.setup.channelMaxOpen}`);
    return true;
  }

  /** Capacity freed or an agent came online: the oldest waiting conversations go first. */
  drain(): void {
    while (this.waiting.length > 0 && this.place(this.waiting[0]!)) this.waiting.shift();
  }

  apply(op: Op): void {
    const assigned = [...this.open.keys()];
    const ids = [...this.agents.keys()];
    switch (op.op) {
      case 'arrive': {
        const id = this.next++;
        if (this.waiting.length > 0 || !this.place(id)) this.waiting.push(id);
        break;
      }
      case 'resolve':
        if (assigned.length > 0) this.open.delete(assigned[op.pick % assigned.length]!);
        break;
      case 'transfer': {
        // A transfer by hand goes only to an agent with room, like the dashboard offers.
        if (assigned.length === 0) break;
        const id = assigned[op.pick % assigned.length]!;
        const to = ids[op.to % ids.length]!;
        const input = this.input();
        const target = input.candidates.find((c) => c.agentId === to)!;
        if (this.open.get(id) !== to && isEligible(target, { ...input, onlineOnly: false }))
          this.open.set(id, to);
        break;
      }
      case 'presence':
        this.agents.get(ids[op.agent % ids.length]!)!.presence = op.status;
        break;
      case 'capacity':
        this.agents.get(ids[op.agent % ids.length]!)!.maxOpen = op.max;
        break;
    }
    this.drain();
  }
}

describe('assignment policy over random sequences', () => {
  it('never assigns over capacity, leaves nobody waiting while an agent is eligible, and shares fairly', () => {
    fc.assert(
      fc.property(setupArb, fc.array(opArb, { minLength: 1, maxLength: 120 }), (setup, ops) => {
        const sim = new Simulation(setup);
        for (const op of ops) {
          sim.apply(op);
          // No eligible agent starves while conversations wait.
          if (sim.waiting.length > 0) expect(decide(sim.input()).kind).toBe('wait');
        }
        expect(sim.violations).toEqual([]);

        if (setup.policy === 'balanced') {
          for (const d of sim.decisions) {
            const fewest = Math.min(...[...d.eligible].map((id) => d.loadBefore.get(id)!));
            expect(d.loadBefore.get(d.agentId)).toBe(fewest);
          }
          return;
        }
        // Round robin: among agents eligible at every decision, the counts differ by at most one.
        const steady = [...sim.agents.keys()].filter((id) => sim.decisions.every((d) => d.eligible.has(id)));
        const counts = steady.map((id) => sim.decisions.filter((d) => d.agentId === id).length);
        if (counts.length > 1) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it('shares round robin evenly among agents that stay eligible while others come and go', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: fc.constant({ op: 'arrive' as const }) },
            {
              weight: 1,
              arbitrary: fc.record({
                op: fc.constant('presence' as const),
                agent: fc.integer({ min: 2, max: 4 }),
                status: fc.constantFrom<PresenceStatus>('online', 'offline'),
              }),
            },
          ),
          { minLength: 10, maxLength: 200 },
        ),
        (ops) => {
          // a1 and a2 are always online with room; a3..a5 flicker; nothing is ever resolved.
          const sim = new Simulation({
            policy: 'round_robin',
            onlineOnly: true,
            channelMaxOpen: null,
            agents: 5,
            caps: [null, null, null, null, null],
          });
          for (const op of ops) sim.apply(op);
          const count = (id: string) => sim.decisions.filter((d) => d.agentId === id).length;
          expect(Math.abs(count('a1') - count('a2'))).toBeLessThanOrEqual(1);
          expect(sim.waiting).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
