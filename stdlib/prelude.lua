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
