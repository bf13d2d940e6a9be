import { LINE_TOTALS_LUA } from './ledger-script-totals';

/**
 * The ledger script: applies one batch of a ledger partition in one atomic step (Redis runs a
 * script alone; its writes replicate and persist as one unit). Offset order is kept record by
 * record, so the outcome is the same whatever the batch boundaries were.
 *
 * KEYS: position hash, open sorted set, closing set, closed hash (ledger-keys.ts).
 * ARGV: key prefix, end offset (next offset once every entry is applied), the entries in offset
 * order as one JSON array (ledger-wire.ts), the retention in seconds (ledger-retention.ts), then
 * close-time pairs (`<account>|<month>`, close time ms).
 * What Redis answers once per account, month or line (latest closed month, open or not, stored line
 * totals) is kept in Lua tables for the rest of the run, which nothing else interleaves with; per
 * record only the dedup SISMEMBER goes to Redis, and line totals and seen ratedIds are written once
 * at the end (ledger-script-totals.ts).
 * Entries below the stored next offset were applied before and are skipped: a re-run is a no-op.
 *
 * Per rated entry: a ratedId already in `seen:<account>:<its month>` (or applied earlier in the run)
 * adds nothing (it still moves the watermark). Otherwise the lateness decision reads the account's
 * latest closed month here, inside the same atomic step: at or before it, the adjustment line goes
 * to the month after it; else the on-time lines go to the record's month, and its call leg, if any,
 * to that month's channels. A late record's `seen` set (its month is closed, perhaps invoiced and
 * expired) is given the retention afresh, so that no key of a closed month lives for ever and the
 * record is remembered for the whole retention from now. A month that opens is added to `open`
 * with its close time (given by the caller, who knows the account's zone); after each record every
 * open month whose close time the watermark reached, and at a marker every open month at or before
 * it, moves to `closing` and becomes the account's latest closed month, so later records of it are
 * late. A month joins `closing` only if its `closer` key was not set yet: after partitions were
 * added, an account's month can be open in two partitions (both apply to its totals), and the first
 * one to close it invoices it, once; the other only drops it from `open`. Months the facts script
 * opened (user activity) since the last batch are due as soon as the stored watermark passed their
 * close time, so that check also runs once before the first entry.
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

local entries = cjson.decode(ARGV[3])
local retention = ARGV[4]
local closeTimes = {}
for i = 5, #ARGV, 2 do closeTimes[ARGV[i]] = ARGV[i + 1] end
${LINE_TOTALS_LUA}
local latestClosed = {} -- account -> latest closed month, false for none
local isOpen = {}       -- member -> whether it is in the open set
local lowestOpen        -- no open month closes before this time (a lower bound)

local function latestClosedOf(account)
  if latestClosed[account] == nil then latestClosed[account] = redis.call('HGET', closedKey, account) end
  return latestClosed[account]
end

local function isOpenMember(member)
  if isOpen[member] == nil then isOpen[member] = redis.call('ZSCORE', openKey, member) ~= false end
  return isOpen[member]
end

local function refreshLowestOpen()
  local first = redis.call('ZRANGE', openKey, 0, 0, 'WITHSCORES')
  lowestOpen = first[2] and tonumber(first[2]) or math.huge
end

local function monthAfter(m)
  local y, n = tonumber(string.sub(m, 1, 4)), tonumber(string.sub(m, 6, 7))
  if n == 12 then y, n = y + 1, 1 else n = n + 1 end
  return string.format('%04d-%02d', y, n)
end

local function startClosing(member)
  redis.call('ZREM', openKey, member)
  isOpen[member] = false
  local account, month = string.sub(member, 1, -9), string.sub(member, -7)
  local latest = latestClosedOf(account)
  if not latest or latest < month then
    redis.call('HSET', closedKey, account, month)
    latestClosed[account] = month
  end
  -- Only the first partition to close a month invoices it (another may hold it open: see the header).
  if redis.call('SET', prefix .. 'closer:' .. account .. ':' .. month, closingKey, 'NX') then
    redis.call('SADD', closingKey, member)
  end
end

local function closeDue()
  if not watermark or watermark < lowestOpen then return end
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', openKey, '-inf', watermarkText)) do startClosing(member) end
  refreshLowestOpen()
end

-- RatedIds applied in this run, written after the totals (as per record before: a failure between
-- the two can only make a redelivery count a record again, never lose it).
local markedKeys = {} -- seen keys in the order first marked
local markedIds = {}  -- seen key -> its ratedIds in order
local marked = {}     -- seen key -> ratedId -> true
local lateSeen = {}   -- seen key -> true when its month is closed

local function isSeen(seen, ratedId)
  local ids = marked[seen]
  return (ids ~= nil and ids[ratedId] == true) or redis.call('SISMEMBER', seen, ratedId) == 1
end

local function markSeen(seen, ratedId, late)
  if late then lateSeen[seen] = true end
  if not marked[seen] then
    marked[seen], markedIds[seen] = {}, {}
    markedKeys[#markedKeys + 1] = seen
  end
  marked[seen][ratedId] = true
  table.insert(markedIds[seen], ratedId)
end

local function writeSeen()
  for _, seen in ipairs(markedKeys) do
    local ids = markedIds[seen]
    for from = 1, #ids, 1000 do redis.call('SADD', seen, unpack(ids, from, math.min(from + 999, #ids))) end
    if lateSeen[seen] then redis.call('EXPIRE', seen, retention) end
  end
end

local status, detail = 'applied', ''
local lateApplied = 0 -- records of closed months applied in this run, as adjustment lines
refreshLowestOpen()
closeDue()
for _, e in ipairs(entries) do
  local tag, offset = e[1], tonumber(e[2])
  if offset >= nextOffset and tag == 'm' then
    local through = e[3]
    for _, member in ipairs(redis.call('ZRANGE', openKey, 0, -1)) do
      if string.sub(member, -7) <= through then startClosing(member) end
    end
  elseif offset >= nextOffset then
    local ratedId, account, month, startText = e[3], e[4], e[5], e[6]
    local mayBeDue = false
    local seen = prefix .. 'seen:' .. account .. ':' .. month
    if not isSeen(seen, ratedId) then
      local latest = latestClosedOf(account)
      local target, channel, first, last = month, e[7], 9, 5 + 4 * tonumber(e[8]) -- the on-time lines
      local late = latest and month <= latest
      if late then -- the adjustment line after them, on the month after
        target, channel, first = monthAfter(latest), '', last + 4
        last = first
      end
      local member = account .. '|' .. target
      local totals = prefix .. 'totals:' .. account .. ':' .. target
      if not isOpenMember(member) and not closeTimes[member] then status, detail = 'needs-close-time', member end
      for b = first, last, 4 do
        if status == 'applied' and not fits(lineOf(totals, e[b]), e[b + 1], e[b + 3]) then status, detail = 'too-large', ratedId end
      end
      if status ~= 'applied' then break end
      if not isOpen[member] then
        redis.call('ZADD', openKey, 'NX', closeTimes[member], member)
        isOpen[member], mayBeDue = true, true
        lowestOpen = math.min(lowestOpen, tonumber(closeTimes[member]))
      end
      for b = first, last, 4 do add(lineOf(totals, e[b]), e[b + 1], e[b + 2], e[b + 3]) end
      if channel ~= '' then redis.call('HSET', prefix .. 'channels:' .. account .. ':' .. target, ratedId, channel) end
      markSeen(seen, ratedId, late)
      if late then lateApplied = lateApplied + 1 end
    end
    local start = tonumber(startText)
    if not watermark or start > watermark then watermark, watermarkText, mayBeDue = start, startText, true end
    if mayBeDue then closeDue() end -- nothing else can make an open month due
  end
  if offset >= nextOffset then nextOffset = offset + 1 end
end
writeLines()
writeSeen()
if status == 'applied' and tonumber(ARGV[2]) > nextOffset then nextOffset = tonumber(ARGV[2]) end

local nextText = string.format('%.0f', nextOffset)
redis.call('HSET', position, 'next', nextText)
if watermarkText then redis.call('HSET', position, 'watermark', watermarkText) end
return { status, nextText, watermarkText or '', detail, redis.call('SMEMBERS', closingKey), lateApplied }
`;
