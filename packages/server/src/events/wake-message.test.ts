import { describe, expect, it } from 'vitest';
import { wakeMessage } from './commit-changes.ts';
import type { StoredEntry } from './event-log.ts';

const entry = (text: string): StoredEntry => ({
  tenantId: 't',
  seq: 1,
  type: 'message.created',
  entityId: 'm',
  version: 1,
  data: { text },
  scope: { channelId: null, agentId: null, teamId: null, extraAgentId: null, extraTeamId: null },
  committedAt: new Date(0).toISOString(),
});

describe('wake-up messages', () => {
  it('carry small entries', () => {
    expect(JSON.parse(wakeMessage('t', 1, [entry('hi')], 7000))).toEqual({
      tenantId: 't',
      seq: 1,
      entries: [entry('hi')],
    });
  });

  it('leave out entries past what the pub/sub carries, counting bytes not characters (NOTIFY)', () => {
    // 3,000 characters of three bytes each: under 7,000 characters, over 7,000 bytes.
    const msg = wakeMessage('t', 1, [entry('語'.repeat(3000))], 7000);
    expect(JSON.parse(msg)).toEqual({ tenantId: 't', seq: 1 });
  });
});
