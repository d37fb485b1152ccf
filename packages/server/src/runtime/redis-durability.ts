// In scale mode Redis holds acknowledged work (webhooks Meta will never send again, replies agents
// were told are on their way). A Redis without an append-only file forgets all of it when it
// restarts; one that evicts keys under memory pressure drops it silently. Parley checks both at
// start and refuses such a Redis unless PARLEY_REDIS_ALLOW_DATA_LOSS says the loss is accepted.
// INFO, not CONFIG GET: managed Redis services often rename or forbid CONFIG.

export interface RedisDurability {
  aofEnabled: boolean | null;
  maxmemoryPolicy: string | null;
}

/** Reads aof_enabled and maxmemory_policy from INFO persistence + INFO memory text. */
export function parseDurability(info: string): RedisDurability {
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? null;
  const aof = field('aof_enabled');
  return { aofEnabled: aof === null ? null : aof === '1', maxmemoryPolicy: field('maxmemory_policy') };
}

/** Each way this Redis can lose acknowledged jobs, as a sentence naming the setting to change. */
export function durabilityProblems(d: RedisDurability): string[] {
  const problems: string[] = [];
  if (d.aofEnabled !== true)
    problems.push(
      d.aofEnabled === null
        ? 'Redis does not report aof_enabled, so Parley cannot tell whether it keeps jobs across a restart'
        : 'Redis runs with appendonly no: a restart forgets every queued job (set appendonly yes)',
    );
  if (d.maxmemoryPolicy !== 'noeviction')
    problems.push(
      `Redis maxmemory-policy is ${d.maxmemoryPolicy ?? 'not reported'}: under memory pressure it can evict queued jobs (set maxmemory-policy noeviction)`,
    );
  return problems;
}

export interface DurabilityVerdict {
  ok: boolean;
  /** The sentence to refuse with, or to log loudly when the loss is allowed. */
  message: string;
}

export function judgeDurability(d: RedisDurability, allowDataLoss: boolean): DurabilityVerdict {
  const problems = durabilityProblems(d);
  if (problems.length === 0) return { ok: true, message: '' };
  const what = problems.join('; ');
  return allowDataLoss
    ? {
        ok: true,
        message: `REDIS CAN LOSE ACKNOWLEDGED JOBS, running anyway because PARLEY_REDIS_ALLOW_DATA_LOSS=true: ${what}`,
      }
    : {
        ok: false,
        message: `${what}. Parley refuses a Redis that can lose acknowledged webhooks and replies; fix the setting, or set PARLEY_REDIS_ALLOW_DATA_LOSS=true to accept the loss (tests, throwaway setups)`,
      };
}
