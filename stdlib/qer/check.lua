-- Checks shared by the review's modules: suggestions for misspelt names (as the Swift bindings word them),
-- errors that say they come from qer, counts that are refused rather than clamped.
local check = {}

local function distance(a, b)
  a, b = a:lower(), b:lower()
  if #a == 0 then return #b end
  if #b == 0 then return #a end
  local previous = {}
  for j = 0, #b do previous[j] = j end
  for i = 1, #a do
    local current = { [0] = i }
    for j = 1, #b do
      local cost = a:sub(i, i) == b:sub(j, j) and 0 or 1
      current[j] = math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    end
    previous = current
  end
  return previous[#b]
end

-- " (did you mean 'X'?)" when a candidate is close enough, as the Swift bindings say it.
function check.did_you_mean(word, candidates)
  local best, best_d
  for _, c in ipairs(candidates) do
    local d = distance(word, c)
    if best_d == nil or d < best_d then best, best_d = c, d end
  end
  if best and best_d <= math.max(2, #best // 2) then return " (did you mean '" .. best .. "'?)" end
  return ""
end

function check.fail(message) error("qer: " .. message, 0) end

function check.contains(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

-- A non-negative whole number, or an error naming the option (refused, never clamped).
function check.count(v, what)
  if type(v) ~= "number" or v ~= math.floor(v) or v < 0 then
    check.fail(what .. " must be a whole number of streams, 0 or more, got " .. tostring(v))
  end
  return math.tointeger(v) or v
end

function check.is_query(q) return type(q) == "userdata" and getmetatable(q) == getmetatable(calls) end

return check
