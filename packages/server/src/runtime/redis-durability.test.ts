import { describe, expect, it } from 'vitest';
import { durabilityProblems, judgeDurability, parseDurability } from './redis-durability.ts';

const info = (aof: string, policy: string) =>
  `# Persistence\r\nloading:0\r\naof_enabled:${aof}\r\naof_rewrite_in_progress:0\r\n\n# Memory\r\nused_memory:1\r\nmaxmemory_policy:${policy}\r\n`;

describe('Redis durability', () => {
  it('reads aof_enabled and maxmemory_policy from INFO', () => {
    expect(parseDurability(info('1', 'noeviction'))).toEqual({
      aofEnabled: true,
      maxmemoryPolicy: 'noeviction',
    });
    expect(parseDurability(info('0', 'allkeys-lru'))).toEqual({
      aofEnabled: false,
      maxmemoryPolicy: 'allkeys-lru',
    });
    expect(parseDurability('')).toEqual({ aofEnabled: null, maxmemoryPolicy: null });
  });

  it('accepts AOF with noeviction and names each setting that can lose jobs', () => {
    expect(durabilityProblems({ aofEnabled: true, maxmemoryPolicy: 'noeviction' })).toEqual([]);
    const both = durabilityProblems({ aofEnabled: false, maxmemoryPolicy: 'volatile-lru' });
    expect(both).toHaveLength(2);
    expect(both[0]).toMatch(/appendonly yes/);
    expect(both[1]).toMatch(/volatile-lru.*noeviction/);
    expect(durabilityProblems({ aofEnabled: null, maxmemoryPolicy: 'noeviction' })[0]).toMatch(/cannot tell/);
  });

  it('refuses unless the loss is allowed, and then still says it loudly', () => {
    const volatile = { aofEnabled: false, maxmemoryPolicy: 'noeviction' };
    const refused = judgeDurability(volatile, false);
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/PARLEY_REDIS_ALLOW_DATA_LOSS=true/);
    const allowed = judgeDurability(volatile, true);
    expect(allowed).toMatchObject({ ok: true });
    expect(allowed.message).toMatch(/^REDIS CAN LOSE ACKNOWLEDGED JOBS/);
    expect(judgeDurability({ aofEnabled: true, maxmemoryPolicy: 'noeviction' }, false)).toEqual({
      ok: true,
      message: '',
    });
  });
});
