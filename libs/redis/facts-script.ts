/**
 * The facts script: applies one batch of a provisioning or registrations partition in one atomic
 * step, its facts and the partition's position together (so a reader of the position knows every
 * fact before it is in).
 *
 * KEYS: closed hash (ledger-keys.ts), facts position of the partition.
 * ARGV: key prefix, end offset (the next offset once the batch is applied), the retention in
 * seconds (ledger-retention.ts), then the facts:
 *   p, account, member                               a provisioning change (SADD; facts-members.ts)
 *   a, account, month, member or '', open key, closeTime
 *                                                    a user activity: its licence, if it earned one,
 *                                                    and its month opened for an invoice
 * An activity opens its account-month on the ledger partition that owns the account (`open key`,
 * with the close time the caller worked out in the account's zone), exactly as a rated record does,
 * so the month closes by watermark or marker and is invoiced even without usage. A month the
 * account already closed is not opened again and its licences set is never written again: its
 * invoice (which may not be out yet, or be re-emitted after a crash) must be the same whenever it
 * is built. Such an activity is late: counted in the reply, and its licence kept for audit in
 * `late-licences:<account>:<month>` for the retention, not billed.
 * Every write is a set or sorted-set add (ZADD NX), so running a batch twice changes nothing.
 */
export const FACTS_APPLY_LUA = `
local closedKey, positionKey = KEYS[1], KEYS[2]
local prefix, retention = ARGV[1], ARGV[3]
local late = 0
local i = 4
while i <= #ARGV do
  local account = ARGV[i + 1]
  if ARGV[i] == 'p' then
    redis.call('SADD', prefix .. 'provisioning:' .. account, ARGV[i + 2])
    i = i + 3
  else
    local month, member, openKey, closeTime = ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
    local latest = redis.call('HGET', closedKey, account)
    if latest and month <= latest then
      late = late + 1
      if member ~= '' then
        local kept = prefix .. 'late-licences:' .. account .. ':' .. month
        redis.call('SADD', kept, member)
        redis.call('EXPIRE', kept, retention)
      end
    else
      if member ~= '' then redis.call('SADD', prefix .. 'licences:' .. account .. ':' .. month, member) end
      redis.call('ZADD', openKey, 'NX', closeTime, account .. '|' .. month)
    end
    i = i + 6
  end
end
local stored = tonumber(redis.call('GET', positionKey) or '-1')
if tonumber(ARGV[2]) > stored then redis.call('SET', positionKey, ARGV[2]) end
return late
`;
