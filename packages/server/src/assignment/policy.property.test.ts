// The policy driven through random days of work (arrivals, returning customers, resolutions,
// transfers, presence, capacity, work in other channels, business hours), with the waiting list
// worked off after every event as the worker does. Every decision is checked against the rules as
// docs/assignment.md states them, restated below without policy.ts: a wrong eligibility or pick
// rule in the policy cannot agree with itself here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecisionInput, decide, type PolicyKind, type PresenceStatus } from './policy.ts';

const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];

// ---- The rules, from docs/assignment.md ("Policies", "Capacity", "Stickiness") ----

interface AgentNow {
  id: string;
  /** Open conversations in every channel. */
  open: number;
  /** Open conversations in this channel. */
  openHere: number;
  maxOpen: number | null;
  presence: PresenceStatus;
}

interface Rules {
  policy: PolicyKind;
  onlineOnly: boolean;
  maxOpenPerAgent: number | null;
}

/** Room under the global capacity and the channel's own. */
const hasRoom = (a: AgentNow, rules: Rules) =>
  (a.maxOpen === null || a.open < a.maxOpen) &&
  (rules.maxOpenPerAgent === null || a.openHere < rules.maxOpenPerAgent);

/** A member with room and, when the rule says onlineOnly, online (away is not online). */
const eligibleByTheRules = (agents: readonly AgentNow[], rules: Rules) =>
  agents.filter((a) => hasRoom(a, rules) && (!rules.onlineOnly || a.presence === 'online'));

/**
 * Whom the rules give the conversation to, or why nobody: out of hours and manual decide nothing; a
 * returning customer's last agent wins while eligible; round robin takes the next eligible agent
 * by id after the one the policy chose last, wrapping; balanced the fewest open conversations,
 * equals in that same turn order.
 */
function choiceByTheRules(
  agents: readonly AgentNow[],
  rules: Rules,
  ctx: { lastChosen: string | null; sticky: string | null; withinHours: boolean },
): string {
  if (!ctx.withinHours) return 'wait';
  if (rules.policy === 'manual') return 'manual';
  const eligible = eligibleByTheRules(agents, rules);
  if (eligible.length === 0) return 'wait';
  if (ctx.sticky !== null && eligible.some((a) => a.id === ctx.sticky)) return ctx.sticky;
  const ids = eligible.map((a) => a.id).sort();
  const last = ctx.lastChosen;
  const turn = last === null ? ids : [...ids.filter((id) => id > last), ...ids.filter((id) => id <= last)];
  if (rules.policy === 'round_robin') return turn[0]!;
  const fewest = Math.min(...eligible.map((a) => a.open));
  return turn.find((id) => eligible.find((a) => a.id === id)!.open === fewest)!;
}

// ---- A channel's day ----

type Op =
  | { op: 'arrive'; returning: number | null }
  | { op: 'resolve'; pick: number }
  | { op: 'transfer'; pick: number; to: number }
  | { op: 'presence'; agent: number; status: PresenceStatus }
  | { op: 'capacity'; agent: number; max: number | null }
  | { op: 'elsewhere'; agent: number; delta: 1 | -1 }
  | { op: 'hours'; open: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ op: fc.constant('arrive' as const), returning: fc.option(fc.nat(), { freq: 3 }) }),
  },
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
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('elsewhere' as const),
      agent: fc.nat(),
      delta: fc.constantFrom<1 | -1>(1, -1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('hours' as const), open: fc.boolean() }) },
);

interface Setup {
  policy: PolicyKind;
  onlineOnly: boolean;
  channelMaxOpen: number | null;
  agents: number;
  caps: (number | null)[];
}

const setupArb: fc.Arbitrary<Setup> = fc.record({
  policy: fc.constantFrom<PolicyKind>('round_robin', 'round_robin', 'balanced', 'balanced', 'manual'),
  onlineOnly: fc.boolean(),
  channelMaxOpen: fc.option(fc.integer({ min: 1, max: 8 })),
  agents: fc.integer({ min: 1, max: AGENTS.length }),
  caps: fc.array(fc.option(fc.integer({ min: 0, max: 5 })), {
    minLength: AGENTS.length,
    maxLength: AGENTS.length,
  }),
});

/** One channel's state as the worker sees it; every decision is compared with the rules'. */
class Simulation {
  readonly agents: Map<string, { maxOpen: number | null; presence: PresenceStatus; elsewhere: number }>;
  /** Open conversations of this channel: id → assignee. */
  readonly open = new Map<number, string>();
  /** Waiting conversations, oldest first, with the agent a returning customer goes back to. */
  readonly waiting: { id: number; sticky: string | null }[] = [];
  /** What round robin / balanced chose last, kept by the simulation from the decisions it saw. */
  lastChosen: string | null = null;
  withinHours = true;
  private next = 0;
  readonly decisions: { agentId: string; via: string }[] = [];
  /** Decisions that differ from the rules, and capacity a decision broke. */
  readonly problems: string[] = [];

  constructor(readonly setup: Setup) {
    this.agents = new Map(
      AGENTS.slice(0, setup.agents).map((id, i) => [
        id,
        { maxOpen: setup.caps[i] ?? null, presence: 'online', elsewhere: 0 },
      ]),
    );
  }

  get rules(): Rules {
    return {
      policy: this.setup.policy,
      onlineOnly: this.setup.onlineOnly,
      maxOpenPerAgent: this.setup.channelMaxOpen,
    };
  }

  agentsNow(): AgentNow[] {
    return [...this.agents].map(([id, a]) => {
      let here = 0;
      for (const x of this.open.values()) if (x === id) here++;
      return { id, open: here + a.elsewhere, openHere: here, maxOpen: a.maxOpen, presence: a.presence };
    });
  }

  input(sticky: string | null): DecisionInput {
    return {
      policy: this.setup.policy,
      onlineOnly: this.setup.onlineOnly,
      channelMaxOpen: this.setup.channelMaxOpen,
      candidates: this.agentsNow().map((a) => ({
        agentId: a.id,
        name: a.id,
        load: a.open,
        channelLoad: a.openHere,
        maxOpen: a.maxOpen,
        presence: a.presence,
      })),
      pointer: this.lastChosen,
      sticky,
      withinHours: this.withinHours,
    };
  }

  /** Tries to assign one conversation; true when it was. */
  place(w: { id: number; sticky: string | null }): boolean {
    const before = this.agentsNow();
    const want = choiceByTheRules(before, this.rules, {
      lastChosen: this.lastChosen,
      sticky: w.sticky,
      withinHours: this.withinHours,
    });
    const d = decide(this.input(w.sticky));
    const got = d.kind === 'assign' ? d.agentId : d.kind;
    if (got !== want) {
      const state = before.map(
        (a) => `${a.id}:${a.open}/${a.maxOpen ?? '∞'}(${a.openHere} here) ${a.presence}`,
      );
      this.problems.push(
        `rules say ${want}, policy says ${got} (${d.reason}); last chosen ${this.lastChosen}, sticky ${w.sticky}, ${state.join(', ')}`,
      );
    }
    if (d.kind !== 'assign') return false;
    // A sticky return is not the policy's choice: the turn order stays where it was.
    const turnAfter = want === w.sticky ? this.lastChosen : want;
    if (d.pointer !== turnAfter)
      this.problems.push(`policy moved the turn to ${d.pointer}, rules to ${turnAfter}`);
    this.decisions.push({ agentId: d.agentId, via: d.via });
    this.lastChosen = turnAfter;
    const chosen = before.find((a) => a.id === d.agentId);
    if (!chosen || !hasRoom(chosen, this.rules))
      this.problems.push(`${d.agentId} was given a conversation without room`);
    this.open.set(w.id, d.agentId);
    return true;
  }

  /** Capacity freed, an agent came online, hours opened: the oldest waiting conversations go first. */
  drain(): void {
    while (this.waiting.length > 0 && this.place(this.waiting[0]!)) this.waiting.shift();
  }

  apply(op: Op): void {
    const assigned = [...this.open.keys()];
    const ids = [...this.agents.keys()];
    switch (op.op) {
      case 'arrive': {
        const w = { id: this.next++, sticky: op.returning === null ? null : ids[op.returning % ids.length]! };
        // A newcomer never overtakes an earlier conversation of the channel.
        if (this.waiting.length > 0 || !this.place(w)) this.waiting.push(w);
        break;
      }
      case 'resolve':
        if (assigned.length > 0) this.open.delete(assigned[op.pick % assigned.length]!);
        break;
      case 'transfer': {
        // A transfer by hand goes only to an agent with room, like the dashboard offers.
        if (assigned.length === 0) break;
        const id = assigned[op.pick % assigned.length]!;
        const to = this.agentsNow()[op.to % ids.length]!;
        if (this.open.get(id) !== to.id && hasRoom(to, this.rules)) this.open.set(id, to.id);
        break;
      }
      case 'presence':
        this.agents.get(ids[op.agent % ids.length]!)!.presence = op.status;
        break;
      case 'capacity':
        this.agents.get(ids[op.agent % ids.length]!)!.maxOpen = op.max;
        break;
      case 'elsewhere': {
        const a = this.agents.get(ids[op.agent % ids.length]!)!;
        a.elsewhere = Math.max(0, a.elsewhere + op.delta);
        break;
      }
      case 'hours':
        this.withinHours = op.open;
        break;
    }
    this.drain();
  }
}

describe('assignment policy over random sequences, against the rules', () => {
  it('decides as the rules say, leaves nobody waiting while someone is eligible, and shares fairly', () => {
    fc.assert(
      fc.property(setupArb, fc.array(opArb, { minLength: 1, maxLength: 120 }), (setup, ops) => {
        const sim = new Simulation(setup);
        for (const op of ops) {
          sim.apply(op);
          // No eligible agent starves while conversations wait (in hours, with a policy).
          if (sim.waiting.length > 0 && sim.withinHours && setup.policy !== 'manual')
            expect(eligibleByTheRules(sim.agentsNow(), sim.rules).map((a) => a.id)).toEqual([]);
        }
        expect(sim.problems).toEqual([]);
        if (setup.policy === 'manual') expect(sim.decisions).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('shares round robin evenly among agents that stay eligible while others come and go', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: fc.constant({ op: 'arrive' as const, returning: null }) },
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
          expect(sim.problems).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
