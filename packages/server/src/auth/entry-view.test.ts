import { describe, expect, it } from 'vitest';
import type { StoredEntry } from '../events/event-log.ts';
import { viewOf } from './entry-view.ts';
import type { Visibility } from './visibility.ts';

const CH = 'channel-1';
const entry = (over: Partial<StoredEntry> & { data: Record<string, unknown> }): StoredEntry => ({
  tenantId: 't1',
  seq: 7,
  type: 'conversation.updated',
  entityId: 'conv-1',
  version: 7,
  committedAt: new Date(0).toISOString(),
  ...over,
  scope: {
    channelId: CH,
    agentId: null,
    teamId: null,
    extraAgentId: null,
    extraTeamId: null,
    ...over.scope,
  },
});
const agent = (id: string, over: Partial<Visibility> = {}): Visibility => ({
  all: false,
  agentId: id,
  channelIds: new Set(),
  teamIds: new Set(),
  ...over,
});

// Transfer of conv-1 from agent "old" to agent "new" (neither a member of the channel).
const transfer = entry({
  data: { assigneeId: 'new', teamId: null },
  scope: { channelId: CH, agentId: 'new', teamId: null, extraAgentId: 'old', extraTeamId: null },
});

describe('what a reader is shown of an entry', () => {
  it('the previous assignee gets the transfer flagged visibleToYou: false, with the new assignee', () => {
    expect(viewOf(transfer, agent('old'))).toMatchObject({
      type: 'conversation.updated',
      data: { assigneeId: 'new', teamId: null, visibleToYou: false },
    });
  });

  it('the new assignee gets it flagged visibleToYou: true', () => {
    expect(viewOf(transfer, agent('new'))).toMatchObject({ data: { visibleToYou: true } });
  });

  it('a channel member who sees it before and after gets the plain entry', () => {
    const view = viewOf(transfer, agent('member', { channelIds: new Set([CH]) }));
    expect(view.type).toBe('conversation.updated');
    expect('data' in view && 'visibleToYou' in view.data).toBe(false);
  });

  it('admins get the plain entry', () => {
    const view = viewOf(transfer, { ...agent('boss'), all: true });
    expect('data' in view && view.data).toEqual({
      assigneeId: 'new',
      teamId: null,
      updatedAt: transfer.committedAt,
    });
  });

  it('anyone else gets a hidden entry with no data', () => {
    expect(viewOf(transfer, agent('stranger'))).toEqual({ tenantId: 't1', seq: 7, type: 'hidden' });
  });

  it('members of the previous team lose it too when the team changes', () => {
    const moved = entry({
      data: { assigneeId: null, teamId: 'team-b' },
      scope: { channelId: CH, agentId: null, teamId: 'team-b', extraAgentId: null, extraTeamId: 'team-a' },
    });
    expect(viewOf(moved, agent('a-member', { teamIds: new Set(['team-a']) }))).toMatchObject({
      data: { visibleToYou: false },
    });
    expect(viewOf(moved, agent('b-member', { teamIds: new Set(['team-b']) }))).toMatchObject({
      data: { visibleToYou: true },
    });
  });

  it('a field the entry leaves out counts as unchanged: unassigning keeps the team in sight of its members', () => {
    const unassigned = entry({
      data: { assigneeId: null },
      scope: { channelId: CH, agentId: null, teamId: 'team-a', extraAgentId: 'old', extraTeamId: null },
    });
    const member = viewOf(unassigned, agent('a-member', { teamIds: new Set(['team-a']) }));
    expect('data' in member && member.data).toEqual({ assigneeId: null, updatedAt: unassigned.committedAt });
    expect(viewOf(unassigned, agent('old'))).toMatchObject({ data: { visibleToYou: false } });
  });

  it('an entry that is not a transfer is shown or hidden, never flagged', () => {
    const note = entry({
      type: 'note.created',
      data: { body: 'x' },
      scope: { channelId: CH, agentId: 'old' } as never,
    });
    expect(viewOf(note, agent('old'))).toMatchObject({ type: 'note.created', data: { body: 'x' } });
    expect(viewOf(note, agent('new')).type).toBe('hidden');
  });
});

describe('the commit time on the wire', () => {
  it('every shown entry carries its committed_at as data.updatedAt, the time clients measure latency from', () => {
    const at = '2026-03-01T10:00:00.123Z';
    const note = entry({ type: 'note.created', data: { body: 'x' }, committedAt: at });
    expect(viewOf(note, agent('member', { channelIds: new Set([CH]) }))).toMatchObject({
      data: { body: 'x', updatedAt: at },
    });
    expect(viewOf({ ...transfer, committedAt: at }, agent('old'))).toMatchObject({
      data: { visibleToYou: false, updatedAt: at },
    });
  });

  it('a hidden entry carries no time either', () => {
    expect(viewOf(entry({ data: {} }), agent('stranger'))).toEqual({
      tenantId: 't1',
      seq: 7,
      type: 'hidden',
    });
  });
});
