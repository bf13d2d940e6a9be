/**
 * The ledger script's line totals (ledger-script.ts), as a Lua fragment it includes. HINCRBY per
 * figure of every record was most of the script's time, so a batch's figures are summed per line
 * here and written once per hash field when the script ends (`writeLines()`), still inside the same
 * atomic step. Fields are created in the order the per-record HINCRBYs created them, line by line
 * as first added to, each `|s`, `|n`, `|a`.
 *
 * Lua numbers are doubles. A pending sum stays below 2^53, where doubles count exactly: it is
 * written out before a figure would take it past that, and a figure beyond it alone is written as
 * given. `fits` checks, in doubles, that the stored total plus the batch's figures stays clear of
 * the 64-bit edge (ledger-lines.ts), exact enough for that and never used as money.
 *
 * `lineOf(totals, lineKey)` reads the line's stored seconds and amount once per script run;
 * `fits(line, seconds, nanos)` then `add(line, seconds, records, nanos)` per record, figures as text.
 */
export const LINE_TOTALS_LUA = `
local EXACT, LIMIT_SECONDS, LIMIT_NANOS = 2 ^ 53, 9.0e15, 9.2e18
local linesByTotals = {} -- totals key -> line key -> line
local linesAdded = {}    -- lines in the order first added to

local function lineOf(totals, key)
  local lines = linesByTotals[totals]
  if not lines then lines = {} linesByTotals[totals] = lines end
  local line = lines[key]
  if not line then
    local fields = { key .. '|s', key .. '|n', key .. '|a' }
    local stored = redis.call('HMGET', totals, fields[1], fields[3])
    line = { totals = totals, fields = fields, pending = { 0, 0, 0 }, added = false,
             seconds = tonumber(stored[1] or '0'), nanos = tonumber(stored[2] or '0') }
    lines[key] = line
  end
  return line
end

local function fits(line, seconds, nanos)
  return math.abs(line.seconds + tonumber(seconds)) < LIMIT_SECONDS and math.abs(line.nanos + tonumber(nanos)) < LIMIT_NANOS
end

local function addFigure(line, i, text)
  local delta, sum = tonumber(text), line.pending[i]
  if math.abs(delta) >= EXACT then
    redis.call('HINCRBY', line.totals, line.fields[i], text)
  elseif math.abs(sum) + math.abs(delta) >= EXACT then
    redis.call('HINCRBY', line.totals, line.fields[i], string.format('%.0f', sum))
    line.pending[i] = delta
  else
    line.pending[i] = sum + delta
  end
end

local function add(line, seconds, records, nanos)
  if not line.added then
    line.added = true
    linesAdded[#linesAdded + 1] = line
  end
  line.seconds = line.seconds + tonumber(seconds)
  line.nanos = line.nanos + tonumber(nanos)
  addFigure(line, 1, seconds)
  addFigure(line, 2, records)
  addFigure(line, 3, nanos)
end

local function writeLines()
  for _, line in ipairs(linesAdded) do
    for i = 1, 3 do redis.call('HINCRBY', line.totals, line.fields[i], string.format('%.0f', line.pending[i])) end
  end
end
`;
