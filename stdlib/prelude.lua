-- The prelude runs at the start of every session, before init.lua. Keep it small: it is paid for on every start.
-- Helpers written in Lua that every session should have go here; bigger ones are modules for require.

--- Returns the keys of a table, sorted, for exploring values at the prompt: keys(tenant.counts)
function keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = k end
  table.sort(out, function(a, b)
    if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
    return tostring(a) < tostring(b)
  end)
  return out
end

-- qer: the Quality Experience Review (stdlib/qer.lua), loaded on first use so that start-up stays fast.
-- qer() runs it; qer.targets, qer.remedies and qer.client_releases can be changed before.
qer = setmetatable({}, {
  __module = "qer",  -- completion lists the module's keys (qer.targets.) without a first use
  __index = function(_, k) return require("qer")[k] end,
  __newindex = function(_, k, v) require("qer")[k] = v end,
  __call = function(_, opts) return require("qer").run(opts) end,
  __tostring = function() return "qer: the Quality Experience Review; qer{period=\"2026-10\", scope=...}; help(qer)" end,
})

-- review.section{name=, query=, measure=, target=, remedy=}: add a section of your own to qer().
if review then
  review.section = function(spec) return require("qer").section(spec) end
end
