// Every queue state change that must be atomic is one Lua script (as BullMQ does it). All keys of
// a queue share one hash tag, {prefix}, so the scripts stay valid on Redis Cluster. Time comes from
// the Redis server (TIME), so workers with skewed clocks still agree on leases.

const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS: ready, leased, lanes, wake, stream1..n   ARGV: lane1, payload1, …   → 1 if a lane woke */
export const APPEND = `${NOW}
local woke = 0
for i = 5, #KEYS do
  local lane = ARGV[(i - 5) * 2 + 1]
  redis.call('XADD', KEYS[i], '*', 'p', ARGV[(i - 5) * 2 + 2], 't', now)
  redis.call('SADD', KEYS[3], lane)
  if not redis.call('ZSCORE', KEYS[2], lane) then
    if redis.call('ZADD', KEYS[1], 'NX', now, lane) == 1 then woke = 1 end
  end
end
if woke == 1 then
  redis.call('LPUSH', KEYS[4], '1')
  redis.call('LTRIM', KEYS[4], 0, 63)
end
return woke`;

/**
 * KEYS: ready, leased, owners, attempts   ARGV: leaseMs, owner, maxJobs, streamKeyPrefix
 * → false, or { lane, oldest jobs of its stream, their attempt counts }: one round trip per batch.
 * The lane's stream key is built here (prefix .. lane), as BullMQ builds job keys: it carries the
 * same hash tag as KEYS, so it lives in the same Cluster slot.
 */
export const CLAIM = `${NOW}
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 32)
for _, lane in ipairs(expired) do
  redis.call('ZREM', KEYS[2], lane)
  redis.call('HDEL', KEYS[3], lane)
  redis.call('ZADD', KEYS[1], 'NX', now, lane)
end
local r = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1)
if #r == 0 then return false end
local lane = r[1]
redis.call('ZREM', KEYS[1], lane)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), lane)
redis.call('HSET', KEYS[3], lane, ARGV[2])
local entries = redis.call('XRANGE', ARGV[4] .. lane, '-', '+', 'COUNT', tonumber(ARGV[3]))
local attempts = {}
for i, e in ipairs(entries) do attempts[i] = redis.call('HGET', KEYS[4], e[1]) or '0' end
return {lane, entries, attempts}`;

/** KEYS: ready, leased, owners, stream   ARGV: lane, owner, delayMs   → 1 if released */
export const RELEASE = `${NOW}
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('XLEN', KEYS[4]) > 0 then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
end
return 1`;

/** KEYS: leased, owners   ARGV: lane, owner, leaseMs   → 1 if still held */
export const EXTEND = `${NOW}
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[3]), ARGV[1])
return 1`;

/** KEYS: stream, attempts, dead   ARGV: id, lane, payload, attempts, error, enqueuedAt */
export const BURY = `${NOW}
redis.call('XADD', KEYS[3], '*', 'lane', ARGV[2], 'p', ARGV[3], 'attempts', ARGV[4], 'error', ARGV[5], 't', ARGV[6], 'died', now)
redis.call('XDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1`;

/** KEYS: dead, ready, leased, lanes, wake, stream1..n   ARGV: deadId1, lane1, payload1, …  → moved */
export const REPLAY = `${NOW}
local moved = 0
for i = 6, #KEYS do
  local base = (i - 6) * 3
  local id, lane, payload = ARGV[base + 1], ARGV[base + 2], ARGV[base + 3]
  if redis.call('XDEL', KEYS[1], id) == 1 then
    redis.call('XADD', KEYS[i], '*', 'p', payload, 't', now)
    redis.call('SADD', KEYS[4], lane)
    if not redis.call('ZSCORE', KEYS[3], lane) then redis.call('ZADD', KEYS[2], 'NX', now, lane) end
    moved = moved + 1
  end
end
if moved > 0 then redis.call('LPUSH', KEYS[5], '1'); redis.call('LTRIM', KEYS[5], 0, 63) end
return moved`;
