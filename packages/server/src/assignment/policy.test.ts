import { describe, expect, it } from 'vitest';
import { type Candidate, type DecisionInput, decide, ringAfter } from './policy.ts';

const agent = (agentId: string, over: Partial<Candidate> = {}): Candidate => ({
  agentId,
  name: agentId.toUpperCase(),
  load: 0,
  channelLoad: 0,
  maxOpen: null,
  presence: 'online',
  ...over,
});

const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  policy: 'round_robin',
  onlineOnly: false,
  channelMaxOpen: null,
  candidates: [agent('a'), agent('b'), agent('c')],
  pointer: null,
  sticky: null,
  withinHours: true,
  ...over,
});

describe('round robin', () => {
  it('starts with the first agent in id order when nobody was chosen yet', () => {
    expect(decide(input())).toMatchObject({
      kind: 'assign',
      agentId: 'a',
      reason: 'round robin, first in order',
    });
  });

  it('takes the next agent after the pointer and names the previous one', () => {
    expect(decide(input({ pointer: 'a', pointerName: 'Ann' }))).toMatchObject({
      agentId: 'b',
      reason: 'round robin, after Ann',
      pointer: 'b',
    });
  });

  it('wraps around after the last agent', () => {
    expect(decide(input({ pointer: 'c' }))).toMatchObject({ agentId: 'a' });
  });

  it('skips full agents and keeps the order for the rest', () => {
    const candidates = [agent('a'), agent('b', { load: 2, maxOpen: 2 }), agent('c')];
    expect(decide(input({ candidates, pointer: 'a' }))).toMatchObject({ agentId: 'c' });
  });

  it('skips agents full in this channel under the per-channel capacity', () => {
    const candidates = [agent('a'), agent('b', { channelLoad: 1, load: 1 }), agent('c')];
    expect(decide(input({ candidates, pointer: 'a', channelMaxOpen: 1 }))).toMatchObject({ agentId: 'c' });
  });

  it('finds its place when the pointer agent has left the channel', () => {
    const candidates = [agent('a'), agent('c')];
    expect(decide(input({ candidates, pointer: 'b' }))).toMatchObject({ agentId: 'c' });
  });

  it('skips agents who are not online when the policy says online only', () => {
    const candidates = [agent('a', { presence: 'away' }), agent('b', { presence: 'offline' }), agent('c')];
    expect(decide(input({ candidates, onlineOnly: true }))).toMatchObject({ agentId: 'c' });
    expect(decide(input({ candidates, onlineOnly: false }))).toMatchObject({ agentId: 'a' });
  });
});

describe('balanced', () => {
  it('chooses the agent with the fewest open conversations and says how many', () => {
    const candidates = [agent('a', { load: 3 }), agent('b', { load: 1 }), agent('c', { load: 2 })];
    expect(decide(input({ policy: 'balanced', candidates }))).toMatchObject({
      agentId: 'b',
      reason: 'balanced: 1 open',
    });
  });

  it('lets equally loaded agents take turns', () => {
    const candidates = [agent('a', { load: 1 }), agent('b', { load: 1 })];
    expect(decide(input({ policy: 'balanced', candidates, pointer: 'a' }))).toMatchObject({ agentId: 'b' });
    expect(decide(input({ policy: 'balanced', candidates, pointer: 'b' }))).toMatchObject({ agentId: 'a' });
  });
});

describe('stickiness', () => {
  it('sends a returning customer back to their last agent when eligible, without moving the pointer', () => {
    expect(decide(input({ sticky: 'c', pointer: 'a' }))).toMatchObject({
      agentId: 'c',
      reason: 'sticky: last agent',
      pointer: 'a',
    });
  });

  it('falls back to the policy when the last agent is full', () => {
    const candidates = [agent('a'), agent('b'), agent('c', { load: 1, maxOpen: 1 })];
    expect(decide(input({ candidates, sticky: 'c', pointer: 'a' }))).toMatchObject({ agentId: 'b' });
  });
});

describe('waiting and manual', () => {
  it('waits when every agent is at capacity', () => {
    const candidates = [agent('a', { load: 1, maxOpen: 1 }), agent('b', { load: 5, maxOpen: 5 })];
    expect(decide(input({ candidates }))).toEqual({
      kind: 'wait',
      reason: 'waiting: all agents at capacity',
    });
  });

  it('waits when nobody is online under an online-only policy', () => {
    const candidates = [agent('a', { presence: 'offline' })];
    expect(decide(input({ candidates, onlineOnly: true }))).toEqual({
      kind: 'wait',
      reason: 'waiting: no agent online',
    });
  });

  it('waits with its own reason when the channel has no members', () => {
    expect(decide(input({ candidates: [] }))).toMatchObject({
      kind: 'wait',
      reason: 'waiting: no agents in this channel',
    });
  });

  it('waits out of hours whatever the policy', () => {
    expect(decide(input({ withinHours: false }))).toEqual({ kind: 'wait', reason: 'out of hours' });
  });

  it('leaves the conversation alone under the manual policy', () => {
    expect(decide(input({ policy: 'manual' })).kind).toBe('manual');
  });
});

it('ringAfter lists eligible agents from the one after the pointer', () => {
  expect(ringAfter([agent('c'), agent('a'), agent('b')], 'b').map((c) => c.agentId)).toEqual(['c', 'a', 'b']);
});
