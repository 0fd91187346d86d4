-- Host objects made, used and kept across many coroutines, some dead, some suspended.
local kept = {}
for i = 1, 50 do
  local co = coroutine.create(function()
    local q = calls:where(function(r) return r.index < 100 end)
    local it = q:rows()
    kept[#kept + 1] = q
    kept[#kept + 1] = it
    coroutine.yield()
    kept[#kept + 1] = date("2026-01-01") + i
  end)
  coroutine.resume(co)
  if i % 2 == 0 then coroutine.resume(co) end
end
collectgarbage(); collectgarbage()
for _, v in ipairs(kept) do
  if type(v) == "function" then pcall(v) elseif type(v) == "userdata" then pcall(function() return #v end) end
end
print(#kept)
