// Room names carry their tenant, so an entry can only ever be sent inside its own tenant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agentRoom,
  channelRoom,
  conversationRoom,
  parseRoom,
  scopeRooms,
  teamRoom,
  tenantRoom,
} from './room-names.ts';

describe('room names', () => {
  it('name every room inside its tenant and read back what they name', () => {
    const t = '6f1c2a8e-0000-4000-8000-000000000001';
    const id = '6f1c2a8e-0000-4000-8000-0000000000aa';
    expect(agentRoom(t, id)).toBe(`t:${t}:a:${id}`);
    expect(parseRoom(channelRoom(t, id))).toEqual({ tenantId: t, kind: 'c', id });
    expect(parseRoom(teamRoom(t, id))).toEqual({ tenantId: t, kind: 'tm', id });
    expect(parseRoom(conversationRoom(t, id))).toEqual({ tenantId: t, kind: 'conv', id });
    expect(parseRoom(tenantRoom(t))).toBeNull();
    // The names of before the tenant was in them mean nothing now.
    expect(parseRoom(`a:${id}`)).toBeNull();
  });

  it('send an entry only to rooms of its own tenant, whatever ids its scope names', () => {
    const uuid = fc.uuid();
    const maybe = fc.option(uuid, { nil: null });
    fc.assert(
      fc.property(
        uuid,
        fc.record({
          channelId: maybe,
          agentId: maybe,
          teamId: maybe,
          extraAgentId: maybe,
          extraTeamId: maybe,
        }),
        (tenantId, scope) => {
          const rooms = scopeRooms(tenantId, scope);
          expect(rooms.every((r) => parseRoom(r)?.tenantId === tenantId)).toBe(true);
          // A scope naming another tenant's agent still lands in this tenant's room for that id.
          if (scope.agentId) expect(rooms).toContain(agentRoom(tenantId, scope.agentId));
        },
      ),
    );
  });
});
