-- A predicate that yields, and one that runs the query it belongs to.
local co = coroutine.wrap(function()
  return calls:where(function(r) coroutine.yield(1); return true end):count()
end)
print(pcall(co))
local q
q = calls:where(function(r) return #q > 0 end)
print(pcall(function() return #q end))
