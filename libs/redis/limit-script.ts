/**
 * The limits save script: stores what one usage batch did to the limit counters, in one atomic step
 * (Redis runs a script alone; its writes replicate and persist as one unit).
 *
 * KEYS: the partition's position hash, the writers hash, then C counter keys, then the counted-set keys.
 * ARGV: expected next offset ('' when none is stored), new next offset, TTL of the counted sets in
 * seconds, C, this save's writer stamp, then C counter states (JSON, in KEYS order), the C account
 * ids, the C writer stamps the batch started from ('' for none), and last the usageIds of each
 * counted-set key as ONE JSON array of arrays, in KEYS order (limit-wire.ts).
 *
 * It writes nothing and answers {'moved', stored} when the stored next offset is not the one the
 * batch was computed from (another writer of the partition got there first), and
 * {'taken', account, stamp} when an account's counters were written by another save since the
 * batch read them (its usage is in two partitions); either way: recompute from what is stored.
 * Otherwise it sets the counters and their writer stamps, adds the usageIds (refreshing each set's
 * expiry) and the next offset, and answers {'saved', next}. The usageIds are decoded before the
 * first write, as a script that fails part way keeps what it wrote. SADD goes in slices: Lua's
 * unpack has a stack limit.
 */
export const LIMITS_SAVE_LUA = `
local position, writers = KEYS[1], KEYS[2]
local stored = redis.call('HGET', position, 'next')
if (stored or '') ~= ARGV[1] then
  return {'moved', stored or ''}
end
local counters, stamp = tonumber(ARGV[4]), ARGV[5]
local states, accounts, expected = 5, 5 + counters, 5 + 2 * counters
for i = 1, counters do
  local current = redis.call('HGET', writers, ARGV[accounts + i]) or ''
  if current ~= ARGV[expected + i] then
    return {'taken', ARGV[accounts + i], current}
  end
end
local sets = cjson.decode(ARGV[5 + 3 * counters + 1])
for i = 1, counters do
  redis.call('SET', KEYS[2 + i], ARGV[states + i])
  redis.call('HSET', writers, ARGV[accounts + i], stamp)
end
local ttl = tonumber(ARGV[3])
for s = 1, #sets do
  local key, ids = KEYS[2 + counters + s], sets[s]
  for i = 1, #ids, 1000 do
    redis.call('SADD', key, unpack(ids, i, math.min(i + 999, #ids)))
  end
  redis.call('EXPIRE', key, ttl)
end
redis.call('HSET', position, 'next', ARGV[2])
return {'saved', ARGV[2]}
`;
