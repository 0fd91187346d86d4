-- issue 12: a rows() iterator made in a coroutine and stepped on the main thread after the coroutine died.
local it
local co = coroutine.create(function() it = calls:rows() end)
assert(coroutine.resume(co))
co = nil
collectgarbage(); collectgarbage()
local n = 0
for row in it do n = n + 1; if n > 10 then break end end
print(n)
