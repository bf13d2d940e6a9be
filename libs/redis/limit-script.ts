/**
 * The limits save script: stores what one usage batch did to the limit counters, in one atomic step
 * (Redis runs a script alone; its writes replicate and persist as one unit).
 *
 * KEYS: the partition's position hash, then C counter keys, then the counted-set keys.
 * ARGV: expected next offset ('' when none is stored), new next offset, TTL of the counted sets in
 * seconds, C, the C counter states (JSON, in KEYS order), then the usageIds of each counted-set key
 * as ONE JSON array of arrays, in KEYS order (limit-wire.ts).
 *
 * It writes nothing and answers {'moved', stored} when the stored next offset is not the one the
 * batch was computed from (another writer got there first: recompute from what it stored);
 * otherwise sets the counters, adds the usageIds (refreshing each set's expiry) and the next
 * offset, and answers {'saved', next}. The usageIds are decoded before the first write, as a
 * script that fails part way keeps what it wrote. SADD goes in slices: Lua's unpack has a stack limit.
 */
export const LIMITS_SAVE_LUA = `
local position = KEYS[1]
local stored = redis.call('HGET', position, 'next')
if (stored or '') ~= ARGV[1] then
  return {'moved', stored or ''}
end
local counters = tonumber(ARGV[4])
local sets = cjson.decode(ARGV[counters + 5])
for k = 2, counters + 1 do
  redis.call('SET', KEYS[k], ARGV[k + 3])
end
local ttl = tonumber(ARGV[3])
for s = 1, #sets do
  local key, ids = KEYS[counters + 1 + s], sets[s]
  for i = 1, #ids, 1000 do
    redis.call('SADD', key, unpack(ids, i, math.min(i + 999, #ids)))
  end
  redis.call('EXPIRE', key, ttl)
end
redis.call('HSET', position, 'next', ARGV[2])
return {'saved', ARGV[2]}
`;

