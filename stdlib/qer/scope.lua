-- The review's period (a month and the five before it) and scope (a building, a filter table or a query),
-- every name checked against what the tenant knows: buildings(), cohorts:names(), users:table().
local check = require("qer.check")
local fail, contains, did_you_mean, is_query = check.fail, check.contains, check.did_you_mean, check.is_query
local scope = {}

-- Periods -------------------------------------------------------------------------------------------

local function month_start(y, m)
  while m > 12 do y, m = y + 1, m - 12 end
  while m < 1 do y, m = y - 1, m + 12 end
  return date { year = y, month = m, day = 1 }
end

local function month_label(d) return d:format("%Y-%m") end

-- The last month that has ended and has streams (the tenant's, whatever the scope, so that reviews of
-- different scopes compare the same month); the month before this one when there are none.
local function default_month()
  local now = date()
  local this_month = string.format("%04d-%02d", now.year, now.month)
  local latest
  for row in calls:by("month"):summary { "streams" }:rows() do
    local label = tostring(row.month):sub(1, 7)
    if label < this_month and (latest == nil or label > latest) then latest = label end
  end
  if latest then return tonumber(latest:sub(1, 4)), tonumber(latest:sub(6, 7)) end
  return now.year, now.month - 1
end

-- The current period and the five before it, as {label, from, to} with `to` exclusive.
function scope.periods(period)
  local y, m
  if period == nil then
    y, m = default_month()
  else
    local ys, ms
    if type(period) == "string" then ys, ms = period:match("^(%d%d%d%d)%-(%d%d)$") end
    if not ys then fail("period must be a month like \"2026-10\", got " .. tostring(period)) end
    y, m = tonumber(ys), tonumber(ms)
    if m < 1 or m > 12 then fail("period '" .. period .. "': the month must be 01 to 12") end
  end
  local list = {}
  for k = 5, 0, -1 do
    local from = month_start(y, m - k)
    list[#list + 1] = { label = month_label(from), from = from, to = month_start(y, m - k + 1) }
  end
  return list
end

-- Scope ---------------------------------------------------------------------------------------------

local function building_names()
  local out = {}
  for row in buildings():rows() do out[#out + 1] = row.building end
  return out
end

-- The distinct values of one field over the directory's users (department; city, which user_city matches).
local function user_values(field)
  return function()
    local seen, out = {}, {}
    for u in users:rows() do
      local v = u[field]
      if v and v ~= "" and not seen[v] then seen[v], out[#out + 1] = true, v end
    end
    table.sort(out)
    return out
  end
end

-- Names a scope may use, and where the known ones come from.
local known = { building = building_names, cohort = function() return cohorts:names() end,
                department = user_values("department"), user_city = user_values("city") }

-- The known spelling of a name (building names match whatever their case), or an error with the closest one.
local function canonical(value, names, what)
  for _, n in ipairs(names) do if n == value then return n end end
  for _, n in ipairs(names) do if n:lower() == value:lower() then return n end end
  if #names == 0 then fail("unknown " .. what .. " '" .. value .. "': there are no " .. what .. "s") end
  fail("unknown " .. what .. " '" .. value .. "'" .. did_you_mean(value, names))
end

-- A scope value: a name, a list of names, or an operator table ({"not", "SEA-1"}) whose names are checked too.
local operators = { "not", "~=", "!=", "==", "=", "in", "not in" }
local function checked_value(v, names, what)
  if type(v) == "string" then return canonical(v, names, what) end
  if type(v) ~= "table" then return v end
  local out = {}
  for i, x in ipairs(v) do
    if type(x) == "string" and i == 1 and #v > 1 and contains(operators, x:lower()) then
      out[i] = x
    elseif type(x) == "string" or type(x) == "table" then
      out[i] = checked_value(x, names, what)
    else
      out[i] = x
    end
  end
  return out
end

local function describe(v)
  if type(v) ~= "table" then return tostring(v) end
  local parts = {}
  for _, x in ipairs(v) do parts[#parts + 1] = describe(x) end
  return table.concat(parts, " ")
end

-- The query the review runs over, and how the report names it.
function scope.query(scope)
  if scope == nil then return calls, "whole tenant" end
  if type(scope) == "string" then
    local b = canonical(scope, building_names(), "building")
    return calls:where { building = b }, "building " .. b
  end
  if is_query(scope) then return scope, (tostring(scope):gsub(" %(%S+ streams?%)$", "")) end
  if type(scope) == "table" then
    local filters, parts = {}, {}
    for k, v in pairs(scope) do
      if type(k) ~= "string" then fail("scope={...} takes field = value pairs, such as {cohort = \"Wave 2\"}") end
      if known[k] then v = checked_value(v, known[k](), k) end
      filters[k] = v
      parts[#parts + 1] = k .. " " .. describe(v)
    end
    if #parts == 0 then return calls, "whole tenant" end
    table.sort(parts)
    return calls:where(filters), table.concat(parts, ", ")
  end
  fail("scope must be a building name, a filter table such as {cohort = \"Wave 2\"}, or a query; got a " .. type(scope))
end


return scope
