/**
 * The limits save script: stores what one usage batch did to the limit counters, in one atomic step
 * (Redis runs a script alone; its writes replicate and persist as one unit).
 *
 * KEYS: the partition's position hash, then C counter keys, then the counted-set keys.
 * ARGV: expected next offset ('' when none is stored), new next offset, TTL of the counted sets in
 * seconds, C, the C counter states (JSON, in KEYS order), then for each counted-set key its number
 * of usageIds N and the N usageIds.
 *
 * It writes nothing and answers {'moved', stored} when the stored next offset is not the one the
 * batch was computed from (another writer got there first: recompute from what it stored);
 * otherwise sets the counters, adds the usageIds (refreshing each set's expiry) and the next
 * offset, and answers {'saved', next}. SADD goes in slices: Lua's unpack has a stack limit.
 */
export const LIMITS_SAVE_LUA = `
local position = KEYS[1]
local stored = redis.call('HGET', position, 'next')
if (stored or '') ~= ARGV[1] then
  return {'moved', stored or ''}
end
local counters = tonumber(ARGV[4])
local a = 5
for k = 2, counters + 1 do
  redis.call('SET', KEYS[k], ARGV[a])
  a = a + 1
end
local ttl = tonumber(ARGV[3])
for k = counters + 2, #KEYS do
  local last = a + tonumber(ARGV[a])
  a = a + 1
  while a <= last do
    local upto = math.min(a + 999, last)
    redis.call('SADD', KEYS[k], unpack(ARGV, a, upto))
    a = upto + 1
  end
  redis.call('EXPIRE', KEYS[k], ttl)
end
redis.call('HSET', position, 'next', ARGV[2])
return {'saved', ARGV[2]}
`;
