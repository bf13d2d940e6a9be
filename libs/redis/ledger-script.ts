/**
 * The ledger script: applies one batch of a ledger partition in one atomic step (Redis runs a
 * script alone; its writes replicate and persist as one unit). Offset order is kept record by
 * record, so the outcome is the same whatever the batch boundaries were.
 *
 * KEYS: position hash, open sorted set, closing set, closed hash (ledger-keys.ts).
 * ARGV: key prefix, end offset (next offset once every entry is applied), number of close
 * times C, C pairs (`<account>|<month>`, close time ms), then the entries in offset order:
 *   m, offset, throughMonth                                   a close-through marker
 *   r, offset, ratedId, account, month, startAt, L,
 *      L x (lineKey, seconds, records, nanos),                on-time lines
 *      lineKey, seconds, records, nanos,                      the adjustment line if late
 *      channel                                                a PER_CHANNEL call leg (ledger-channels.ts) or ''
 * Entries below the stored next offset were applied before and are skipped: a re-run is a no-op.
 *
 * Per rated entry: a ratedId already in `seen:<account>:<its month>` adds nothing (it still moves
 * the watermark). Otherwise the lateness decision reads the account's latest closed month here,
 * inside the same atomic step: at or before it, the adjustment line goes to the month after it;
 * else the on-time lines go to the record's month, and its call leg, if any, to that month's channels. A month that opens is added to `open` with its
 * close time (given by the caller, who knows the account's zone); after each record every open
 * month whose close time the watermark reached, and at a marker every open month at or before it,
 * moves to `closing` and becomes the account's latest closed month, so later records of it are late.
 * Months the facts script opened (user activity) since the last batch are due as soon as the stored
 * watermark passed their close time, so that check also runs once before the first entry.
 *
 * It stops early, storing the offset of the entry it stopped at, when a month must open whose close
 * time it was not given (`needs-close-time`, the member) or a line would leave the exact range
 * (`too-large`, the ratedId). Returns {status, next, watermark, detail, closing members}.
 */
export const LEDGER_APPLY_LUA = `
local position, openKey, closingKey, closedKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local prefix = ARGV[1]
local stored = redis.call('HMGET', position, 'next', 'watermark')
local nextOffset = tonumber(stored[1] or '-1')
local watermarkText = stored[2] or nil
local watermark = watermarkText and tonumber(watermarkText)

local closeTimes = {}
local i = 4
for _ = 1, tonumber(ARGV[3]) do
  closeTimes[ARGV[i]] = ARGV[i + 1]
  i = i + 2
end

local function monthAfter(m)
  local y, n = tonumber(string.sub(m, 1, 4)), tonumber(string.sub(m, 6, 7))
  if n == 12 then y, n = y + 1, 1 else n = n + 1 end
  return string.format('%04d-%02d', y, n)
end

local function startClosing(member)
  redis.call('ZREM', openKey, member)
  redis.call('SADD', closingKey, member)
  local account, month = string.sub(member, 1, -9), string.sub(member, -7)
  local latest = redis.call('HGET', closedKey, account)
  if not latest or latest < month then redis.call('HSET', closedKey, account, month) end
end

local function closeDue()
  if not watermarkText then return end
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', openKey, '-inf', watermarkText)) do startClosing(member) end
end

-- Lua numbers are doubles: exact enough to tell a sum far from the 64-bit edge, never used as money.
local LIMIT = { a = 9.2e18, s = 9.0e15 }
local current = {}
local function fits(totals, lines)
  for _, line in ipairs(lines) do
    for figure, delta in pairs({ s = line[2], a = line[4] }) do
      local field = totals .. '\\0' .. line[1] .. '|' .. figure
      if current[field] == nil then current[field] = tonumber(redis.call('HGET', totals, line[1] .. '|' .. figure) or '0') end
      if math.abs(current[field] + tonumber(delta)) >= LIMIT[figure] then return false end
    end
  end
  for _, line in ipairs(lines) do
    current[totals .. '\\0' .. line[1] .. '|s'] = current[totals .. '\\0' .. line[1] .. '|s'] + tonumber(line[2])
    current[totals .. '\\0' .. line[1] .. '|a'] = current[totals .. '\\0' .. line[1] .. '|a'] + tonumber(line[4])
  end
  return true
end

local status, detail = 'applied', ''
closeDue()
while i <= #ARGV do
  local tag, offset = ARGV[i], tonumber(ARGV[i + 1])
  local width = 3
  if tag == 'r' then width = 12 + 4 * tonumber(ARGV[i + 6]) end
  if offset >= nextOffset and tag == 'm' then
    local through = ARGV[i + 2]
    for _, member in ipairs(redis.call('ZRANGE', openKey, 0, -1)) do
      if string.sub(member, -7) <= through then startClosing(member) end
    end
  elseif offset >= nextOffset then
    local ratedId, account, month, startText = ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
    local mayBeDue = false
    local seen = prefix .. 'seen:' .. account .. ':' .. month
    if redis.call('SISMEMBER', seen, ratedId) == 0 then
      local latest = redis.call('HGET', closedKey, account)
      local target, first, count = month, i + 7, tonumber(ARGV[i + 6])
      local channel = ARGV[i + 11 + 4 * count]
      if latest and month <= latest then target, first, count, channel = monthAfter(latest), i + 7 + 4 * count, 1, '' end
      local lines = {}
      for k = 0, count - 1 do
        local b = first + 4 * k
        lines[k + 1] = { ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3] }
      end
      local member = account .. '|' .. target
      local totals = prefix .. 'totals:' .. account .. ':' .. target
      if not redis.call('ZSCORE', openKey, member) then
        if not closeTimes[member] then status, detail = 'needs-close-time', member break end
      end
      if not fits(totals, lines) then status, detail = 'too-large', ratedId break end
      mayBeDue = redis.call('ZADD', openKey, 'NX', closeTimes[member] or 0, member) == 1
      for _, line in ipairs(lines) do
        redis.call('HINCRBY', totals, line[1] .. '|s', line[2])
        redis.call('HINCRBY', totals, line[1] .. '|n', line[3])
        redis.call('HINCRBY', totals, line[1] .. '|a', line[4])
      end
      if channel ~= '' then redis.call('HSET', prefix .. 'channels:' .. account .. ':' .. target, ratedId, channel) end
      redis.call('SADD', seen, ratedId)
    end
    local start = tonumber(startText)
    if not watermark or start > watermark then watermark, watermarkText, mayBeDue = start, startText, true end
    if mayBeDue then closeDue() end -- nothing else can make an open month due
  end
  if offset >= nextOffset then nextOffset = offset + 1 end
  i = i + width
end
if status == 'applied' and tonumber(ARGV[2]) > nextOffset then nextOffset = tonumber(ARGV[2]) end

local nextText = string.format('%.0f', nextOffset)
redis.call('HSET', position, 'next', nextText)
if watermarkText then redis.call('HSET', position, 'watermark', watermarkText) end
return { status, nextText, watermarkText or '', detail, redis.call('SMEMBERS', closingKey) }
`;
