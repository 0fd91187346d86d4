-- issue 12: the reverse, an iterator made on the main thread and stepped in coroutines.
local it = calls:rows()
for i = 1, 3 do
  local co = coroutine.wrap(function() return it().index end)
  print(co())
end
collectgarbage()
print(it().index)
